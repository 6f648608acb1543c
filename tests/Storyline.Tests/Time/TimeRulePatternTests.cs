using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Storyline.Time;

namespace Storyline.Tests.Time;

/// <summary>The rules' patterns run without a match timeout on texts whose runs of whitespace, '-' and digits are short; these tests hold
/// the patterns to the shape that makes that safe and check that the guarded (timed) patterns find the same matches.</summary>
public class TimeRulePatternTests
{
    private static IEnumerable<Regex> Patterns() =>
        TimeExpressionRecognizer.Rules.Append(TimeExpressionRecognizer.DirectionRule).Select(r => r.Pattern).Distinct();

    // A pattern's unbounded quantifiers (*, +, {n,}) with what they repeat: a class, an escape or a character.
    private static readonly Regex Quantified = new(@"(\[(?:[^\]\\]|\\.)*\]|\\.|[^\\()\[\]])([*+]|\{\d+,\})", RegexOptions.CultureInvariant);

    [Fact]
    public void Patterns_LoopsRepeatOnlyWhitespaceHyphensDigitsOrWholeWords_NoTimeout()
    {
        foreach (var pattern in Patterns())
        {
            pattern.MatchTimeout.ShouldBe(Regex.InfiniteMatchTimeout);
            var text = pattern.ToString();
            // No group repeats without bound, so no loop nests in another and none repeats a word.
            Regex.IsMatch(text, @"\)(?:[*+]|\{\d+,\})").ShouldBeFalse(text);
            foreach (Match q in Quantified.Matches(text))
            {
                // A loop over a word's characters must be followed by a space, a hyphen or the end of the word: giving a character back
                // then fails at once, so the loop costs one pass over the word (SeasonRule's "nineteen-ninety").
                if (q.Groups[1].Value == @"\w")
                    Regex.IsMatch(text[(q.Index + q.Length)..], @"^(?:\(\?:\[-\\s\]|[)?]+\(\?!\[\\w\]\))").ShouldBeTrue(text);
                else q.Groups[1].Value.ShouldBeOneOf([@"\s", @"[-\s]", "[0-9]"], text);
            }
        }
    }

    [Theory]
    [InlineData("On May 5 the talks ended.", true)]
    [InlineData("Paragraph one.\n\nParagraph two, 2019-2020.", true)]
    [InlineData("Wide                  gap", false)]
    [InlineData("A - - - - - - - - - - - - - - - - - rule", false)]
    [InlineData("Account 12345678901234567890 closed", false)]
    public void RunsAreShort_LongRuns_Detected(string text, bool expected) =>
        TimeExpressionRecognizer.RunsAreShort(text).ShouldBe(expected);

    [Fact]
    public void Find_GuardedAndUnguarded_SameMatches()
    {
        var random = new Random(14);
        string[] pieces = ["May", "5", "2019", "10:30", "a.m.", "three", "years", "ago", "the", "end", "of", "last", "week", "-", "–", "and a half",
            "Q3", "1990s", "noon", "Monday", "every", "day", "several", "months", "about", "the past", "spring", "1,500", "percent", "Christmas", "quarter"];
        for (int round = 0; round < 20; round++)
        {
            var text = new StringBuilder();
            for (int i = 0; i < 400; i++)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
                int gap = random.Next(10) == 0 ? random.Next(1, 40) : 1;
                for (int g = 0; g < gap; g++) text.Append(" \n-".AsSpan(random.Next(3) == 0 ? random.Next(3) : 0, 1));
            }
            var s = text.ToString();
            foreach (var rule in TimeExpressionRecognizer.Rules)
            {
                var plain = TimeExpressionRecognizer.Find(rule, s).Select(m => (m.Index, m.Length)).ToList();
                var guarded = TimeExpressionRecognizer.Find(rule, s, guarded: true).Select(m => (m.Index, m.Length)).ToList();
                guarded.ShouldBe(plain, rule.Name);
            }
        }
    }

    [Fact]
    public void Recognize_HostileRunsAtTheLimit_StaysFast()
    {
        // Every loop at its longest: runs of MaxRun spaces, hyphens and digits between the words the patterns start on, 200 KB of it.
        var run = new string(' ', TimeExpressionRecognizer.MaxRun);
        var digits = new string('1', TimeExpressionRecognizer.MaxRun);
        var dashes = string.Concat(Enumerable.Repeat("- ", TimeExpressionRecognizer.MaxRun / 2));
        var unit = $"the end of{run}early{dashes}{digits}{run}to{run}{digits}{run}more{dashes}years and{run}{digits}{run}May{run}{digits}{run}";
        var text = string.Concat(Enumerable.Repeat(unit, 200_000 / unit.Length));
        TimeExpressionRecognizer.RunsAreShort(text).ShouldBeTrue();
        var watch = Stopwatch.StartNew();
        new TimeExpressionRecognizer().Recognize(text, new DateOnly(2020, 7, 10), CancellationToken.None);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }
}
