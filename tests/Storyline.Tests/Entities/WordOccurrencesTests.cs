using System.Text.RegularExpressions;
using Storyline.Entities;

namespace Storyline.Tests.Entities;

public class WordOccurrencesTests
{
    [Theory]
    [InlineData("Xi Jinping met Xi  Jinping and Xi-Jinping.", "Xi Jinping", true, "0:10,15:11")]
    [InlineData("UNHRC, the UNHRC's and UNHRCs", "UNHRC", false, "0:5,11:5")]
    [InlineData("Mr Wang Wang Yi", "Wang Yi", true, "8:7")]
    [InlineData("Wang\nYi spoke", "Wang Yi", false, "")]
    public void Find_LiteralPhrase_WholeWordsOnly(string text, string phrase, bool flexible, string expected)
    {
        var found = string.Join(',', WordOccurrences.Find(text, phrase, flexible).Select(o => $"{o.Start}:{o.Length}"));
        Assert.Equal(expected, found);
    }

    [Fact]
    public void Find_RandomText_SameAsTheRegexItReplaces()
    {
        var random = new Random(20261201);
        const string alphabet = "ab A-_\n\t.é1’";
        for (int i = 0; i < 3000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var phrase = string.Join(' ', Enumerable.Range(0, random.Next(1, 3)).Select(_ => new string([.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => "abA"[random.Next(3)])])));
            foreach (var flexible in new[] { false, true })
            {
                var escaped = Regex.Escape(phrase);
                if (flexible) escaped = escaped.Replace(@"\ ", @"\s+", StringComparison.Ordinal);
                var expected = Regex.Matches(text, @"(?<![\w-])" + escaped + @"(?![\w-])").Select(m => (m.Index, m.Length));
                Assert.Equal(expected, WordOccurrences.Find(text, phrase, flexible));
            }
        }
    }
}
