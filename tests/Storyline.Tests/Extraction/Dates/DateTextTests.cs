using Storyline.Extraction.Dates;

namespace Storyline.Tests.Extraction.Dates;

public class DateTextTests
{
    [Theory]
    [InlineData("Published August 27, 2020 at 9:00")]
    [InlineData("Veröffentlicht am 27. August 2020, 14:05 Uhr")]
    [InlineData("Publié le 27 août 2020 à 10h")]
    [InlineData("Publicado el 27 de agosto de 2020")]
    [InlineData("Pubblicato il 27 agosto 2020")]
    [InlineData("Publicado em 27 de agosto de 2020")]
    [InlineData("Опубликовано 27 августа 2020 г.")]
    [InlineData("Опубліковано 27 серпня 2020")]
    [InlineData("Yayınlanma: 27 Ağustos 2020 Perşembe")]
    [InlineData("发布时间：2020年8月27日 10:30")]
    [InlineData("Stand: 27.08.2020")]
    [InlineData("27/08/2020 10:00")]
    [InlineData("2020-08-27 10:00")]
    [InlineData("نشر في 27 أغسطس 2020")]
    public void Find_WrittenDateInLanguage_ReadsTheDay(string text) =>
        DateText.Find(text, monthFirst: false).Select(f => f.Day).ShouldContain(new DateOnly(2020, 8, 27));

    [Theory]
    [InlineData("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22", 4, 24)]
    [InlineData("duminică, 20 septembrie 2020", 9, 20)]
    [InlineData("Publicat pe 3 martie 2020", 3, 3)]
    public void Find_ArabicPairedOrRomanianMonthName_ReadsTheDay(string text, int month, int day) =>
        DateText.Find(text, monthFirst: false).Single().Day.ShouldBe(new DateOnly(2020, month, day));

    [Theory]
    [InlineData("03/04/2020", true, 3, 4)]
    [InlineData("03/04/2020", false, 4, 3)]
    [InlineData("12/25/2020", false, 12, 25)]
    public void Find_SlashDate_ReadsDayAndMonthByLocaleAndRange(string text, bool monthFirst, int month, int day) =>
        DateText.Find(text, monthFirst).Single().Day.ShouldBe(new DateOnly(2020, month, day));

    [Theory]
    [InlineData("Call 30 May 20201")]
    [InlineData("31 February 2020")]
    [InlineData("Maybe 2020")]
    public void Find_NoFullDate_FindsNothing(string text) => DateText.Find(text, monthFirst: false).ShouldBeEmpty();

    [Theory]
    [InlineData("2020-08-27T23:30:00-04:00", 27, false)]
    [InlineData("2020-08-27T01:30:00+09:00", 27, false)]
    [InlineData("2020-08-27T23:15:0Z", 27, true)]
    [InlineData("Thu, 27 Aug 2020 23:30:00 GMT", 27, true)]
    [InlineData("Thu Aug 27 2020 00:23:33 GMT+0000 (Coordinated Universal Time)", 27, true)]
    [InlineData("20200827", 27, false)]
    public void Machine_StatedValue_KeepsTheDayAsWrittenAndMarksUtc(string value, int day, bool utc)
    {
        var found = DateText.Machine(value).ShouldNotBeNull();
        found.Day.ShouldBe(new DateOnly(2020, 8, day));
        found.Utc.ShouldBe(utc);
    }

    // A short text is only scanned when it holds a 19 or a 20: the cut must not lose any date the patterns read.
    [Theory]
    [InlineData("Posted 3 May 2020")]
    [InlineData("12020年8月27日")]
    [InlineData("03/04/1999 10:00")]
    [InlineData("By Jane Doe, staff")]
    [InlineData("Updated 3 May 2O2O")]
    public void Find_ShortText_AgreesWithThePatternsRunDirectly(string text)
    {
        var direct = typeof(DateText).GetMethod("FindIn", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        var expected = ((IEnumerable<DateText.Found>)direct.Invoke(null, [text, (bool?)null])!).ToList();
        DateText.Find(text, null).ToList().ShouldBe(expected);
    }
}
