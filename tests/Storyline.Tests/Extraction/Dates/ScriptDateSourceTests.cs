using System.Text;
using Storyline.Extraction.Dates;

namespace Storyline.Tests.Extraction.Dates;

public class ScriptDateSourceTests
{
    private static (int Index, int Length)[] Expected(string html) => [.. ScriptDateSource.Property().Matches(html).Select(m => (m.Index, m.Length))];

    private static (int Index, int Length)[] Actual(string html) => [.. ScriptDateSource.Matches(html).Select(m => (m.Index, m.Length))];

    [Theory]
    [InlineData("""{"datePublished":"2020-05-03T10:00:00Z","dateModified" : '2020-05-04'}""")]
    [InlineData("""<div data-x='{"publish_date":  "20200503", "UPDATED_AT":"2021/01/02 10:00"}'>""")]
    [InlineData("x\"first_published_date\"\t:\n \"1999-12-31\"y")]
    [InlineData("""{"date":"2020-05-03","pubDate":"2020-05-03"date_created":"2020-05-05"}""")]
    [InlineData("""{"datePublished":"2020-05-03"datePublished":"2020-05-04"}""")]
    [InlineData("""{"title":"datePublished","x":"2020-05-03"}""")]
    [InlineData("{\"\u212Aey\":\"2020-01-01\",\"po\u017Ft_date\":\"2020-01-01\"}")]
    public void Matches_Cases_AgreeWithTheRegexScan(string html) => Actual(html).ShouldBe(Expected(html));

    // Pieces that make keys, separators and values, run together at random: every way a match can start, end or overlap.
    [Fact]
    public void Matches_RandomPages_AgreeWithTheRegexScan()
    {
        string[] pieces =
        [
            "\"", "'", ":", " ", "\n", "\u00A0", "datePublished", "date_modified", "PUBLISHED_AT", "first_publish", "pubdate", "post_date", "created_at", "updated_at",
            "modified_time", "x", "2020", "1999", "-05-03", "0503", "/12/31", "T10:00Z", "20", "19", "\"2020-01-01\"", "\"date_published\":", "<p>", "{", "}", ",",
        ];
        var random = new Random(7);
        for (int page = 0; page < 3000; page++)
        {
            var sb = new StringBuilder();
            int n = random.Next(1, 40);
            for (int i = 0; i < n; i++) sb.Append(pieces[random.Next(pieces.Length)]);
            var html = sb.ToString();
            Actual(html).ShouldBe(Expected(html), html);
        }
    }

    // The scan steps back over white space as the regex's \s reads it.
    [Fact]
    public void Matches_WhiteSpace_IsWhatTheRegexCallsWhiteSpace()
    {
        var space = new System.Text.RegularExpressions.Regex(@"^\s$");
        for (int c = 0; c <= char.MaxValue; c++) char.IsWhiteSpace((char)c).ShouldBe(space.IsMatch(((char)c).ToString()), $"U+{c:X4}");
    }
}
