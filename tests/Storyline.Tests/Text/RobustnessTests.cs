using System.Diagnostics;
using System.Text;
using Storyline.Documents;
using Storyline.Tests.TestSupport;
using Storyline.Text;
using Storyline.Time;

namespace Storyline.Tests.Text;

public class RobustnessTests
{
    private static readonly string[] Pieces =
    [
        "“", "”", "\"", "'", "‘", "’", "``", "''", "«", "»", ".", "...", "…", "?", "!", ":", ";", ",", "-", "–", "—", "\n", "\n\n", " ", "  ", "\t",
        "U.S.", "Mr.", "Dec. 9", "No. 1", "a.m.", "2.51%", "$5.2bn", "33,403", "9,2019", "year.By", "Q3:", "A:", "Xu Guixiang:", "• ", "- ",
        "www.x.com", "e.g.", "19-year-old", "last week", "the past three years and", "mid-", "Friday", "May", "the 1990s", "10:30 p.m.",
        "\u0301", "\u200b", "\ud83d\ude00", "\ud83d", "\ude00", "\0", "\r", "中文", "ي", "Ⅻ", "½", "٣",
    ];

    private static string RandomText(Random random, int length)
    {
        var sb = new StringBuilder(length + 32);
        while (sb.Length < length)
        {
            switch (random.Next(4))
            {
                case 0:
                    sb.Append(Pieces[random.Next(Pieces.Length)]);
                    break;
                case 1:
                    sb.Append((char)random.Next(0x20, 0x7f));
                    break;
                case 2:
                    sb.Append((char)random.Next(0, 0xFFFF));
                    break;
                default:
                    sb.Append(random.Next(2) == 0 ? "word " : "Capital ");
                    break;
            }
        }
        return sb.ToString();
    }

    private static List<Block> RandomBlocks(Random random, int length)
    {
        var blocks = new List<Block>();
        int n = random.Next(0, 8);
        for (int i = 0; i < n; i++)
        {
            // Deliberately unordered, overlapping and out of range: the analyzer must cope.
            int start = random.Next(-5, length + 5), len = random.Next(-3, length / 2 + 5);
            blocks.Add(new Block((BlockKind)random.Next(4), new TextSpan(start, len)));
        }
        return blocks;
    }

    private static void AssertOrderedWithin(IEnumerable<TextSpan> spans, int length, bool allowNesting = false)
    {
        int previousEnd = 0, previousStart = 0;
        foreach (var s in spans)
        {
            s.Start.ShouldBeGreaterThanOrEqualTo(0);
            s.Length.ShouldBeGreaterThanOrEqualTo(0);
            s.End.ShouldBeLessThanOrEqualTo(length);
            if (allowNesting) s.Start.ShouldBeGreaterThanOrEqualTo(previousStart);
            else s.Start.ShouldBeGreaterThanOrEqualTo(previousEnd);
            previousEnd = s.End;
            previousStart = s.Start;
        }
    }

    private static void Check(string text, IReadOnlyList<Block> blocks)
    {
        var analysis = new TextAnalyzer().Analyze(text, blocks, CancellationToken.None);
        AssertOrderedWithin(analysis.Tokens.Select(t => t.Span), text.Length);
        analysis.Tokens.ShouldAllBe(t => t.Span.Length > 0);
        AssertOrderedWithin(analysis.Sentences.Select(s => s.Span), text.Length);
        foreach (var s in analysis.Sentences)
        {
            s.TokenCount.ShouldBeGreaterThan(0);
            (s.FirstToken + s.TokenCount).ShouldBeLessThanOrEqualTo(analysis.Tokens.Count);
            s.Span.Start.ShouldBe(analysis.Tokens[s.FirstToken].Span.Start);
            s.Span.End.ShouldBe(analysis.Tokens[s.FirstToken + s.TokenCount - 1].Span.End);
            s.QuoteDepthAtStart.ShouldBeGreaterThanOrEqualTo(0);
        }
        AssertOrderedWithin(analysis.Quotations.Select(q => q.Span), text.Length, allowNesting: true);
        foreach (var q in analysis.Quotations) AssertOrderedWithin(q.Segments, text.Length);
        foreach (var b in analysis.Blocks)
        {
            if (b.SpeakerLabel is { } label) (label.Start >= b.Span.Start && label.End <= b.Span.End).ShouldBeTrue();
            for (int i = b.FirstSentence; i < b.FirstSentence + b.SentenceCount; i++)
            {
                var s = analysis.Sentences[i].Span;
                (s.Start >= b.Span.Start && s.End <= b.Span.End).ShouldBeTrue();
            }
        }

        var times = new TimeExpressionRecognizer().Recognize(text, new DateOnly(2020, 7, 10), CancellationToken.None);
        AssertOrderedWithin(times.Select(t => t.Span), text.Length);
        times.ShouldAllBe(t => t.Span.Length > 0 && t.Value.Length > 0);
    }

    [Fact]
    public void Analyze_RandomInput_NeverThrowsAndSpansStayOrderedInBounds()
    {
        var random = new Random(20240611);
        for (int round = 0; round < 300; round++)
        {
            var text = RandomText(random, random.Next(0, 600));
            Check(text, random.Next(3) == 0 ? [] : RandomBlocks(random, text.Length));
        }
    }

    [Fact]
    public void Analyze_VeryLongInput_FinishesQuickly()
    {
        var random = new Random(7);
        var text = RandomText(random, 300_000) + new string('“', 5_000) + new string('.', 5_000) + string.Concat(Enumerable.Repeat("U.S. ", 2_000));
        var sw = Stopwatch.StartNew();
        Check(text, []);
        sw.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void Analyze_EmptyAndWhitespace_NoSentences()
    {
        new TextAnalyzer().Analyze("").Sentences.ShouldBeEmpty();
        new TextAnalyzer().Analyze("   \n\n\t ").Sentences.ShouldBeEmpty();
        new TimeExpressionRecognizer().Recognize("", null, CancellationToken.None).ShouldBeEmpty();
    }

    [Fact]
    public void Analyze_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Should.Throw<OperationCanceledException>(() => new TextAnalyzer().Analyze("One. Two.", [], cts.Token));
        Should.Throw<OperationCanceledException>(() => new TimeExpressionRecognizer().Recognize("on Friday", null, cts.Token));
    }

    [Fact]
    public void Analyze_SampleArticles_InvariantsHold()
    {
        foreach (var file in Directory.EnumerateFiles(SharedData.Samples))
        {
            var text = File.ReadAllText(file);
            Check(text, []);
            new TextAnalyzer().Analyze(text).Sentences.Count.ShouldBeGreaterThan(0);
        }
    }
}
