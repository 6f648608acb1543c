using Storyline.Documents;
using Storyline.Time;

namespace Storyline.Tests.Time;

public class TimeExpressionRecognizerTests
{
    // Friday 10 July 2020, ISO week 28.
    private static readonly DateOnly Dct = new(2020, 7, 10);
    private static readonly TimeExpressionRecognizer Recognizer = new();

    private static TimeExpression Single(string text, DateOnly? reference = null)
    {
        var found = Recognizer.Recognize(text, reference ?? Dct, CancellationToken.None);
        found.Count.ShouldBe(1, $"found: {string.Join(" | ", found.Select(f => $"{f.Text}={f.Value}"))}");
        return found[0];
    }

    [Theory]
    [InlineData("The ministry said on July 9 that talks had ended.", "July 9", "2020-07-09", TimeGranularity.Day)]
    [InlineData("The plan was announced in May.", "May", "2020-05", TimeGranularity.Month)]
    [InlineData("Exports fell in 2019.", "2019", "2019", TimeGranularity.Year)]
    [InlineData("In a news release on December 9,2019, the office said so.", "December 9,2019", "2019-12-09", TimeGranularity.Day)]
    [InlineData("The report was published on August 27, 2020, by the office.", "August 27, 2020", "2020-08-27", TimeGranularity.Day)]
    [InlineData("Growth was strongest in the 1990s.", "the 1990s", "199", TimeGranularity.Decade)]
    [InlineData("The centres opened on 2018-03-01.", "2018-03-01", "2018-03-01", TimeGranularity.Day)]
    [InlineData("It happened on 14 March 2019 in Urumqi.", "14 March 2019", "2019-03-14", TimeGranularity.Day)]
    [InlineData("Sales rose in January 2020.", "January 2020", "2020-01", TimeGranularity.Month)]
    [InlineData("Trade grew in the summer of 2018.", "the summer of 2018", "2018-SU", TimeGranularity.Season)]
    public void Recognize_AbsoluteAndPartialDates_Normalised(string text, string span, string value, TimeGranularity granularity)
    {
        var t = Single(text);
        t.Text.ShouldBe(span);
        t.Value.ShouldBe(value);
        t.Type.ShouldBe(TimexType.Date);
        t.Granularity.ShouldBe(granularity);
    }

    [Theory]
    [InlineData("U.S. Secretary of State Mike Pompeo said on Thursday.", "Thursday", "2020-07-09")]
    [InlineData("The two sides will meet on Thursday.", "Thursday", "2020-07-16")]
    [InlineData("Officials met on Friday.", "Friday", "2020-07-10")]
    [InlineData("Prices rose last month.", "last month", "2020-06")]
    [InlineData("The court ruled yesterday.", "yesterday", "2020-07-09")]
    [InlineData("The tariffs will rise next year.", "next year", "2021")]
    [InlineData("More talks are planned this week.", "this week", "2020-W28")]
    [InlineData("Officials visited the camps in October.", "October", "2019-10")]
    [InlineData("Officials will visit the camps in October.", "October", "2020-10")]
    [InlineData("The ban was lifted 10 days ago.", "10 days ago", "2020-06-30")]
    [InlineData("He left two years ago.", "two years ago", "2018")]
    [InlineData("The rules changed last week.", "last week", "2020-W27")]
    public void Recognize_RelativeDates_ResolvedAgainstReference(string text, string span, string value)
    {
        var t = Single(text);
        t.Text.ShouldBe(span);
        t.Value.ShouldBe(value);
    }

    [Fact]
    public void Recognize_MidMonth_KeepsModifier()
    {
        var t = Single("The fair will open in mid-October.");
        t.Text.ShouldBe("mid-October");
        t.Value.ShouldBe("2020-10");
        t.Mod.ShouldBe("MID");
    }

    [Fact]
    public void Recognize_EndOfYear_ModifierInSpan()
    {
        var t = Single("By the end of 2020, all will be lifted.");
        t.Text.ShouldBe("the end of 2020");
        t.Value.ShouldBe("2020");
        t.Mod.ShouldBe("END");
    }

    [Theory]
    [InlineData("Unemployment fell over the past three years and seven months.", "the past three years and seven months", "P3Y7M")]
    [InlineData("The talks lasted two weeks.", "two weeks", "P2W")]
    [InlineData("The flight took 5 1/2 hours.", "5 1/2 hours", "PT5H30M")]
    [InlineData("It was a five-year low.", "five-year", "P5Y")]
    [InlineData("They trained for several months.", "several months", "PXM")]
    [InlineData("It was the first nine months of the plan.", "the first nine months", "P9M")]
    public void Recognize_Durations_Normalised(string text, string span, string value)
    {
        var t = Single(text);
        t.Text.ShouldBe(span);
        t.Type.ShouldBe(TimexType.Duration);
        t.Value.ShouldBe(value);
    }

    [Theory]
    [InlineData("Inspections happen every week.", "every week", "P1W")]
    [InlineData("The paper is published daily.", "daily", "P1D")]
    public void Recognize_Sets_Normalised(string text, string span, string value)
    {
        var t = Single(text);
        t.Text.ShouldBe(span);
        t.Type.ShouldBe(TimexType.Set);
        t.Value.ShouldBe(value);
    }

    [Theory]
    [InlineData("The vote starts at 9 a.m. Tuesday.", "9 a.m. Tuesday", "2020-07-07T09:00")]
    [InlineData("The minister spoke this morning.", "this morning", "2020-07-10TMO")]
    [InlineData("Police arrived at 10:35 p.m.", "10:35 p.m.", "2020-07-10T22:35")]
    public void Recognize_Times_Normalised(string text, string span, string value)
    {
        var t = Single(text);
        t.Text.ShouldBe(span);
        t.Type.ShouldBe(TimexType.Time);
        t.Value.ShouldBe(value);
    }

    [Theory]
    [InlineData("Quarterly profit fell in the third quarter.", "the third quarter", "1989-Q3")]
    [InlineData("Profit rose from a year earlier in the third quarter.", "the third quarter", "1989-Q3")]
    public void Recognize_Quarters_MostRecentQuarter(string text, string span, string value)
    {
        var found = Recognizer.Recognize(text, new DateOnly(1989, 10, 26), CancellationToken.None);
        found.Single(f => f.Text == span).Value.ShouldBe(value);
    }

    [Fact]
    public void Recognize_YearEarlierAfterQuarter_SameQuarterLastYear()
    {
        var found = Recognizer.Recognize("Net income rose in the third quarter from $5 million a year earlier.", new DateOnly(1989, 10, 26), CancellationToken.None);
        found.Select(f => f.Value).ShouldBe(["1989-Q3", "1988-Q3"]);
    }

    [Theory]
    [InlineData("He said the present and the Present are both.", "PRESENT_REF", "the present")]
    [InlineData("Prices are currently high.", "PRESENT_REF", "currently")]
    [InlineData("The rules changed recently.", "PAST_REF", "recently")]
    public void Recognize_GenericReferences_Normalised(string text, string value, string span) =>
        Recognizer.Recognize(text, Dct, CancellationToken.None).First(t => t.Text.Equals(span, StringComparison.OrdinalIgnoreCase)).Value.ShouldBe(value);

    [Theory]
    [InlineData("He may attend the meeting.")]
    [InlineData("Some 2000 people attended.")]
    [InlineData("The price was $1999 for the set.")]
    [InlineData("The troops march on the capital.")]
    [InlineData("The 19-year-old student was detained.")]
    public void Recognize_NotTimeExpressions_FindsNothing(string text) =>
        Recognizer.Recognize(text, Dct, CancellationToken.None).ShouldBeEmpty();

    [Fact]
    public void Recognize_NoReference_LeavesUnknownParts()
    {
        Single("The talks ended on July 9.", reference: null).Value.ShouldNotBeNull();
        var found = Recognizer.Recognize("The talks ended on July 9 and resumed on Friday.", null, CancellationToken.None);
        found.Select(f => f.Value).ShouldBe(["XXXX-07-09", "XXXX-WXX-5"]);
    }

    [Fact]
    public void Recognize_PublicationDateEstimate_UsedAsReference()
    {
        var published = new PublicationDate(new DateTimeOffset(2020, 7, 10, 8, 0, 0, TimeSpan.Zero), DateSource.TextEstimate, null);
        var document = new ProcessedDocument("The court ruled yesterday.", [], new DocumentMetadata { Published = published }, 4);
        Recognizer.Recognize(document).Single().Value.ShouldBe("2020-07-09");
    }

    [Fact]
    public void Recognize_AnchorDate_NextDayFollowsLastMention()
    {
        var found = Recognizer.Recognize("The riots began on July 5, 2009. The next day, police arrived.", Dct, CancellationToken.None);
        found.Select(f => f.Value).ShouldBe(["2009-07-05", "2009-07-06"]);
    }

    [Fact]
    public void Recognize_Spans_OrderedAndWithinText()
    {
        const string text = "On Monday, July 6, 2020, officials said that in 2019 and last year, over the past three years, growth was 2.51%.";
        var found = Recognizer.Recognize(text, Dct, CancellationToken.None);
        found.Count.ShouldBeGreaterThanOrEqualTo(4);
        for (int i = 0; i < found.Count; i++)
        {
            found[i].Span.End.ShouldBeLessThanOrEqualTo(text.Length);
            found[i].Text.ShouldBe(found[i].Span.Slice(text));
            if (i > 0) found[i].Span.Start.ShouldBeGreaterThanOrEqualTo(found[i - 1].Span.End);
        }
        found[0].Text.ShouldBe("Monday, July 6, 2020");
        found[0].Value.ShouldBe("2020-07-06");
    }
}
