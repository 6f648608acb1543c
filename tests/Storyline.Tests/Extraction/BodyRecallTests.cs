using Storyline.Extraction;

namespace Storyline.Tests.Extraction;

/// <summary>Golden tests for the parts of an article that sit outside the run of body paragraphs: leads, cards, div-and-br text.</summary>
public class BodyRecallTests
{
    private static readonly StorylineExtractor Extractor = new();

    private static string Body(string body) =>
        string.Join("\n", Extractor.Extract($"<html><head><title>Story</title></head><body>{body}</body></html>", "https://example.com/story", CancellationToken.None).Blocks.Select(b => b.Text));

    private static string Paragraphs(int count, string topic = "harbour") => string.Concat(Enumerable.Range(1, count).Select(i =>
        $"<p>Paragraph {i} about the {topic}: engineers worked through the night to finish the repairs, and residents watched from the shore as the crews packed up.</p>"));

    private const string Nav = "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/sport\">Sport</a></nav>";

    [Fact]
    public void Extract_SummaryDivBeforeTheBody_KeepsTheLead()
    {
        var text = Body($"{Nav}<div class=\"article\"><h1>Bridge reopens</h1><div class=\"article__summary\">The harbour bridge reopened on Tuesday after two years of repairs that cost the city far more than planned, and commuters queued from dawn to be among the first across.</div>"
            + $"<div class=\"article__text\">{Paragraphs(6)}</div></div>");

        text.ShouldStartWith("The harbour bridge reopened on Tuesday");
        text.ShouldContain("Paragraph 6 about the harbour");
    }

    [Fact]
    public void Extract_ShortStandfirstBeforeTheBody_LeavesItOut()
    {
        var text = Body($"{Nav}<div class=\"article\"><h1>Bridge reopens</h1><div class=\"abstract\">Our picks for horse shows, clinics, competitions and fun things to do in the month of September.</div>"
            + $"<div class=\"article__text\">{Paragraphs(6)}</div></div>");

        text.ShouldNotContain("Our picks");
        text.ShouldStartWith("Paragraph 1 about the harbour");
    }

    [Fact]
    public void Extract_CardFlaggedHasImage_KeepsItsText()
    {
        var card = "<section class=\"recipe-card card-has-image\"><h2>Pear jam</h2><div class=\"ingredients\"><h3>Ingredients</h3><ul><li>8 ripe pears, cored and peeled</li><li>1 lemon</li><li>6 tbsp pectin</li></ul></div>"
            + "<div class=\"instructions\"><ol><li>Core, peel and cube the pears and put them in a pot with the lemon juice and pectin.</li><li>Boil while stirring until the jam sticks to the spoon.</li></ol></div></section>";
        var text = Body($"{Nav}<article><h1>Pear jam</h1><div class=\"entry-content\">{Paragraphs(5)}{card}</div></article>");

        text.ShouldContain("8 ripe pears, cored and peeled");
        text.ShouldContain("Boil while stirring until the jam sticks to the spoon.");
    }

    [Fact]
    public void Extract_LongerListOfOtherPostsBesideAShortArticle_KeepsOnlyTheArticle()
    {
        var teasers = string.Concat(Enumerable.Range(1, 5).Select(i => $"<article class=\"post\"><h2><a href=\"/post-{i}\">Other post {i}</a></h2>"
            + $"<p>Excerpt {i}: a long reflection on courage and hope in daily life, on the smile given on waking and the prayer of thanks for one more day, and on the strength to go on when things are hard.</p></article>"));
        var text = Body($"{Nav}<div id=\"primary\"><article class=\"box main\"><h1>Loving yourself</h1><p>To live a true experience of love, first learn to love yourself: accept your flaws, keep your dreams, and give yourself the care you give others. Only then can you share it with the people around you, and the love you offer will be whole.</p></article>"
            + $"<article class=\"box postbox\"><h3>You may also like</h3>{teasers}</article></div>");

        text.ShouldContain("To live a true experience of love");
        text.ShouldNotContain("Excerpt");
    }

    [Fact]
    public void Extract_TextInDivsWithLineBreaks_KeepsEveryParagraph()
    {
        var lines = string.Join("<br><br>", Enumerable.Range(1, 6).Select(i => $"Paragraph {i}: the court heard that the harbour authority had known of the cracks for years and had not told the council"));
        var text = Body($"<div id=\"top\"><a href=\"/\">Home</a> | <a href=\"/archive\">Archive</a></div><div><font size=\"4\"><b>Ruling on the bridge</b></font><br><br>{lines}.<br><br>Contact: press office, 555 0100</div><div id=\"bottom\"><a href=\"/about\">About</a></div>");

        text.ShouldContain("Paragraph 1: the court heard");
        text.ShouldContain("Paragraph 6: the court heard");
        text.ShouldNotContain("Archive");
    }

    [Fact]
    public void Extract_DataTableAtTheEndOfTheBody_KeepsItsRows()
    {
        var table = "<table><tr><th>Model</th><th>Price</th><th>Score</th></tr><tr><td>Alpha 2</td><td>$139</td><td>8.1</td></tr><tr><td>Beta Pro</td><td>$249</td><td>8.7</td></tr></table>";
        var text = Body($"{Nav}<article><h1>Test</h1>{Paragraphs(5)}{table}</article>");

        text.ShouldContain("Model | Price | Score");
        text.ShouldContain("Alpha 2 | $139 | 8.1");
        text.ShouldContain("Beta Pro | $249 | 8.7");
    }

    [Fact]
    public void Extract_DataTableAtTheStartOfTheBody_KeepsItsRows()
    {
        var table = "<table><tr><td>Preparation time</td><td>20 min</td></tr><tr><td>Cooking time</td><td>45 min</td></tr></table>";
        var text = Body($"{Nav}<article><h1>Pear jam</h1>{table}{Paragraphs(5)}</article>");

        text.ShouldContain("Preparation time");
        text.ShouldContain("45 min");
    }
}
