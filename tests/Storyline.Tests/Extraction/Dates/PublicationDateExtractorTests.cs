using Storyline.Documents;
using Storyline.Extraction;
using Storyline.Extraction.Dates;

namespace Storyline.Tests.Extraction.Dates;

public class PublicationDateExtractorTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly PublicationDateExtractor Extractor = new(time: new FixedTime(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero)));

    private static DateOnly? Day(string body, string head = "", string url = "https://example.com/news/story") =>
        Extractor.Extract($"<html><head>{head}</head><body>{body}</body></html>", url)?.Candidate.Day;

    private const string Text = "<p>The council met on Tuesday to discuss the budget for the coming year and agreed on most points.</p>";

    [Fact]
    public void Extract_JsonLdGraphWithUpdate_TakesThePublishedDayAsWritten()
    {
        var head = """
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Example"},
            {"@type":"NewsArticle","headline":"Budget","dateModified":"2021-03-09T08:00:00-05:00","datePublished":"2021-03-04T23:30:00-04:00"}]}</script>
            """;
        Day($"<h1>Budget</h1>{Text}", head).ShouldBe(new DateOnly(2021, 3, 4));
    }

    [Fact]
    public void Extract_MetaUpdatedBeforePublished_TakesPublished()
    {
        var head = """<meta property="article:modified_time" content="2022-02-10T10:00:00+01:00"><meta property="article:published_time" content="2022-02-01T09:00:00+01:00">""";
        Day($"<h1>Budget</h1>{Text}", head).ShouldBe(new DateOnly(2022, 2, 1));
    }

    [Fact]
    public void Extract_BylineAndLaterComments_TakesTheByline()
    {
        var comments = string.Concat(Enumerable.Range(10, 8).Select(d => $"<li class=\"comment\"><span class=\"comment-date\">March {d}, 2021</span> Great piece.</li>"));
        Day($"<h1>Budget</h1><div class=\"entry-meta\">Posted on March 3, 2021 by A. Writer</div>{Text}<ol class=\"comments\">{comments}</ol>")
            .ShouldBe(new DateOnly(2021, 3, 3));
    }

    [Fact]
    public void Extract_RelatedArticlesListedFirst_TakesTheArticlesTime()
    {
        var related = string.Concat(Enumerable.Range(1, 5).Select(d => $"<li><a href=\"/x{d}\">Other story</a> <time datetime=\"2021-05-0{d}\">May {d}</time></li>"));
        Day($"<aside class=\"related-stories\"><ul>{related}</ul></aside><article><h1>Budget</h1><time datetime=\"2021-04-20T12:00:00+02:00\">20 April</time>{Text}</article>")
            .ShouldBe(new DateOnly(2021, 4, 20));
    }

    [Fact]
    public void Extract_OnlyTheUrlIsDated_TakesTheUrl() =>
        Day($"<h1>Budget</h1>{Text}", url: "https://example.com/2019/11/05/budget-agreed/").ShouldBe(new DateOnly(2019, 11, 5));

    [Fact]
    public void Extract_GermanDatelineNearTheHeadline_ReadsIt() =>
        Day($"<nav>Startseite</nav><h1>Haushalt beschlossen</h1><p class=\"meta\">Von Anna Beispiel | 14. Oktober 2020, 18:12 Uhr</p>{Text}")
            .ShouldBe(new DateOnly(2020, 10, 14));

    [Fact]
    public void Extract_UtcLateEveningAndTheNextDayShown_TakesTheShownDay()
    {
        var head = """<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-12-05T23:15:00Z"}</script>""";
        Day($"<h1>Budget</h1><p class=\"data_articolo\">06 Dicembre 2020</p>{Text}", head).ShouldBe(new DateOnly(2020, 12, 6));
    }

    [Fact]
    public void Extract_UtcSmallHoursOnACountryDomain_TakesThePublishersDay()
    {
        var head = """<meta property="article:published_time" content="2020-05-02T02:54:29.000Z">""";
        Day($"<h1>Budget</h1>{Text}", head, "https://example.com.br/noticias/orcamento").ShouldBe(new DateOnly(2020, 5, 1));
    }

    [Fact]
    public void Extract_FileFotoCaptionBeforeTheDateline_TakesTheDateline() =>
        Day($"<h1>Budget</h1><div><img src=\"a.jpg\"><br>FILE PHOTO: The mayor speaks in Springfield, January 16, 2020.</div><p>January 18, 2020</p>{Text}")
            .ShouldBe(new DateOnly(2020, 1, 18));

    [Fact]
    public void Extract_NoDateAnywhere_ReturnsNull() => Day($"<h1>Budget</h1>{Text}").ShouldBeNull();

    [Fact]
    public void Extract_DateAfterToday_IsLeftOut() =>
        Day($"<h1>Budget</h1><div class=\"date\">12 March 2031</div>{Text}").ShouldBeNull();

    [Fact]
    public void Extract_TodaysDateInTheSiteHeader_TakesTheBylineBelowTheHeadline() =>
        Day($"<header><div class=\"logo\">Example News</div><span class=\"date\">Tue, 14 Jan 2020</span></header><div><h2>Budget</h2><p>Wire<br>13 Jan 2020, 22:11</p>{Text}</div>")
            .ShouldBe(new DateOnly(2020, 1, 13));

    [Fact]
    public void Extract_ArticleHeaderWithHeadline_StillDatesTheArticle() =>
        Day($"<article><header><h1>Budget</h1><span class=\"date\">14 Jan 2020</span></header>{Text}</article>").ShouldBe(new DateOnly(2020, 1, 14));

    [Fact]
    public void Extract_DatelineInASpacingUtilityClass_IsNotAFooter() =>
        Day($"<h1>Budget</h1><div class=\"gutter-half-bottom\">August 06, 2019</div><div class=\"body\"><p>On July 31, 2019, the council met to discuss the budget for the coming year.</p>{Text}</div>")
            .ShouldBe(new DateOnly(2019, 8, 6));

    [Fact]
    public void Extract_WikiRevisionAddress_TakesTheRevisionsDate()
    {
        var head = """<script type="application/ld+json">{"@type":"Article","datePublished":"2005-07-26T00:00:00Z","dateModified":"2020-04-07T10:00:00Z"}</script>""";
        Day($"<h1>Budget</h1>{Text}", head, "https://wiki.example.org/index.php?title=Budget&diff=591343&oldid=588001").ShouldBe(new DateOnly(2020, 4, 7));
        Day($"<h1>Budget</h1>{Text}", head, "https://wiki.example.org/wiki/Budget").ShouldBe(new DateOnly(2005, 7, 26));
    }

    [Fact]
    public void StorylineExtractor_UrlDateOnly_ReportsTheUrlAsSource()
    {
        var article = new StorylineExtractor().Extract($"<html><body><article><h1>Budget</h1>{string.Concat(Enumerable.Repeat(Text, 5))}</article></body></html>",
            "https://example.com/2019/11/05/budget-agreed/", CancellationToken.None);
        article.Published.ShouldBe(new DateTimeOffset(2019, 11, 5, 0, 0, 0, TimeSpan.Zero));
        article.PublishedSource.ShouldBe(DateSource.Url);
    }

    // The text source keeps its buffers for the thread's next page: a second page, and the first again, read as they did alone.
    [Fact]
    public void Candidates_TextSourceOnSeveralPages_ReadsEachAsAlone()
    {
        var parser = new AngleSharp.Html.Parser.HtmlParser(StorylineExtractor.ParserOptions);
        string first = "<html><body><h1>Budget</h1><p>Posted on 3 May 2020 by the desk.</p><footer>© 2021</footer></body></html>";
        string second = "<html><body><p>Some text.</p><h1>Vote</h1><p>Friday, 12 June 2019</p></body></html>";
        string Read(string html) => string.Join("\n", new TextDateSource().Find(new DatePage(html, parser.ParseDocument(html), null)).Select(c => $"{c.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} {c.Origin} {c.Place} {c.Evidence}"));
        var alone = Read(first);

        Read(second).ShouldContain("2019-06-12 NearTitle");
        Read(first).ShouldBe(alone);
        alone.ShouldContain("2020-05-03 NearTitle");
    }
}
