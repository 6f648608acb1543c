using System.Text;
using Storyline.Extraction;

namespace Storyline.Tests.Extraction;

public class TextCountingTests
{
    [Fact]
    public void CountNonWhiteSpace_EveryCharacter_AgreesWithIsWhiteSpace()
    {
        // Each character in the middle of a run long enough for the vectorised path, and alone.
        for (int c = 0; c <= char.MaxValue; c++)
        {
            var text = new string('x', 7) + (char)c + new string('y', 8);
            Boilerplate.CountNonWhiteSpace(text).ShouldBe(char.IsWhiteSpace((char)c) ? 15 : 16, $"U+{c:X4}");
        }
    }

    [Fact]
    public void CountNonWhiteSpace_RandomTexts_AgreesWithACharacterLoop()
    {
        char[] pool = [' ', '\t', '\n', '\r', '\v', '\f', '\u0008', '\u000E', '\u00A0', '\u0085', '\u2003', '\u3000', 'a', 'Z', '0', 'é', 'ж', '\u200B'];
        var random = new Random(11);
        for (int n = 0; n < 2000; n++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 70)).Select(_ => pool[random.Next(pool.Length)])]);
            Boilerplate.CountNonWhiteSpace(text).ShouldBe(text.Count(c => !char.IsWhiteSpace(c)), text);
        }
    }

    [Fact]
    public void CollapseWhitespace_BuilderOfManyChunks_AgreesWithTheStringForm()
    {
        var random = new Random(5);
        string[] pieces = ["word", " ", "\n", "  \t", "\u00A0", "x", "\r\n", ""];
        for (int n = 0; n < 300; n++)
        {
            var sb = new StringBuilder(4);
            int count = random.Next(0, 200);
            for (int i = 0; i < count; i++) sb.Append(pieces[random.Next(pieces.Length)]);
            BlockReader.CollapseWhitespace(sb).ShouldBe(BlockReader.CollapseWhitespace(sb.ToString()));
        }
    }

    // The pruner remembers the words of each class and id value: a remembered reading is the one made afresh.
    [Fact]
    public void ClassHintStrength_RememberedWords_AgreeWithAFreshReading()
    {
        var html = "<div class='story-body'></div><div class='share-bar'></div><div class='sidebar article'></div><div class='paywall'></div>"
            + "<div id='mainContent' class='has-sidebar'></div><div class='sidebar'></div><div class='story-body' id='comments'></div><div></div>";
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var known = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int round = 0; round < 2; round++)
            foreach (var e in document.Body!.Children)
                Boilerplate.ClassHintStrength(e, known).ShouldBe(Boilerplate.ClassHintStrength(e), e.OuterHtml);
    }
}
