using System.Globalization;
using System.Text.RegularExpressions;
using Storyline.Time;

namespace Storyline.Metadata;

/// <summary>Finds absolute calendar dates (day, month and year) written in text or URLs.</summary>
public static partial class DateFinder
{
    /// <summary>A date found in text, with the text it came from.</summary>
    public sealed record Found(DateOnly Date, int Index, string Evidence);

    private static readonly string[] Months =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>Every full date in <paramref name="text"/>, in order of appearance.</summary>
    public static IEnumerable<Found> FindAll(string text)
    {
        foreach (Match m in DateInText().Matches(text))
        {
            int year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            int day = int.Parse(m.Groups["d1"].Success ? m.Groups["d1"].Value : m.Groups["d2"].Value, CultureInfo.InvariantCulture);
            var month = MonthNumber(m.Groups["m1"].Success ? m.Groups["m1"].Value : m.Groups["m2"].Value);
            if (month > 0 && TryDate(year, month, day) is { } d) yield return new Found(d, m.Index, m.Value);
        }
        foreach (Match m in IsoDate().Matches(text))
        {
            if (TryDate(int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture)) is { } d)
                yield return new Found(d, m.Index, m.Value);
        }
    }

    /// <summary>A period named in text: its first day and its precision (a day, a month or a year).</summary>
    public sealed record FoundPeriod(DateOnly Start, TimeGranularity Granularity, int Index, string Evidence);

    /// <summary>Every full date, month ("July 2020") and year ("in 2019", "since 2017", "mid-2018") named in <paramref name="text"/>.</summary>
    public static IEnumerable<FoundPeriod> FindPeriods(string text)
    {
        foreach (var f in FindAll(text)) yield return new FoundPeriod(f.Date, TimeGranularity.Day, f.Index, f.Evidence);
        foreach (Match m in MonthYear().Matches(text))
        {
            var month = MonthNumber(m.Groups["m"].Value);
            var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            if (month > 0 && TryDate(year, month, 1) is { } d) yield return new FoundPeriod(d, TimeGranularity.Month, m.Index, m.Value);
        }
        foreach (Match m in YearInText().Matches(text))
        {
            if (TryDate(int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), 1, 1) is { } d) yield return new FoundPeriod(d, TimeGranularity.Year, m.Index, m.Value);
        }
    }

    /// <summary>A date in a URL path such as /2020/08/27/ or /2020-08-27-, or null.</summary>
    public static Found? FromUrl(string? url)
    {
        if (url is null) return null;
        var m = UrlDate().Match(url);
        if (!m.Success) return null;
        var d = TryDate(int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture));
        return d is null ? null : new Found(d.Value, m.Index, m.Value);
    }

    /// <summary>The month number for a month name or its abbreviation ("Sep", "Sept."), or 0.</summary>
    public static int MonthNumber(string name)
    {
        var n = name.TrimEnd('.').ToLowerInvariant();
        if (n.Length < 3) return 0;
        for (int i = 0; i < Months.Length; i++)
            if (Months[i].StartsWith(n, StringComparison.Ordinal) || (n == "sept" && i == 8)) return i + 1;
        return 0;
    }

    private static DateOnly? TryDate(int y, int m, int d) =>
        y is >= 1900 and <= 2200 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m) ? new DateOnly(y, m, d) : null;

    private const string MonthPattern = @"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";

    // "August 27, 2020", "Aug. 27,2020", "27 August 2020", "2 Sep, 2022".
    [GeneratedRegex(@"\b(?:(?<m1>" + MonthPattern + @")\s+(?<d1>\d{1,2})(?:st|nd|rd|th)?,?\s*|(?<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?<m2>" + MonthPattern + @"),?\s+)(?<y>(?:19|20|21)\d\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DateInText();

    // "July 2020", "in March of 2019": a capitalised month name right before the year (so "may 2020" the verb is not one).
    [GeneratedRegex(@"\b(?<m>(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?)\s+(?:of\s+)?(?<y>(?:19|20)\d\d)\b(?![-–/]\d)")]
    private static partial Regex MonthYear();

    // A year as a time: after "in", "since", "during", "until", "early", "late", "mid-", "end of" ... (not "2019 people" or "a 2020 report").
    [GeneratedRegex(@"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil|[Tt]hrough|[Ee]arly|[Ll]ate|[Mm]id-|[Ee]nd of|[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter)\s*(?<y>(?:19|20)\d\d)\b(?![-–/]\d|\s*(?:%|per\b))")]
    private static partial Regex YearInText();

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20|21)\d\d)-(?<m>[01]\d)-(?<d>[0-3]\d)(?!\d)")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"/(?<y>(?:19|20)\d\d)[/-](?<m>[01]?\d)[/-](?<d>[0-3]?\d)(?:[/-]|$)")]
    private static partial Regex UrlDate();
}
