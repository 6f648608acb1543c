using System.Globalization;
using System.Text.RegularExpressions;
using Storyline.Time;

namespace Storyline.Extraction.Dates;

/// <summary>The date in a URL path (/2020/08/27/, /2020-08-27-, /20200827/), or its month (/2020/08/) as support for a day found elsewhere.</summary>
internal sealed partial class UrlDateSource : IDateCandidateSource
{
    /// <inheritdoc />
    public IEnumerable<DateCandidate> Find(DatePage page)
    {
        if (page.Url is null || !Uri.TryCreate(page.Url, UriKind.Absolute, out var uri)) yield break;
        // The host never dates a page, and a query string's numbers are usually ids.
        var path = uri.AbsolutePath;
        if (Full().Match(path) is { Success: true } m && Day(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value) is { } day)
        {
            yield return new DateCandidate(day, DateText.Midnight(day), DateOrigin.Url, DateRole.Published, DatePlace.Main, $"URL {m.Value.Trim('/', '-', '_')}");
            yield break;
        }
        if (YearMonth().Match(path) is { Success: true } ym && Day(ym.Groups["y"].Value, ym.Groups["m"].Value, "1") is { } month)
            yield return new DateCandidate(month, DateText.Midnight(month), DateOrigin.Url, DateRole.Published, DatePlace.Main, $"URL {ym.Value.Trim('/')}", 0, TimeGranularity.Month);
    }

    private static DateOnly? Day(string y, string m, string d)
    {
        int year = int.Parse(y, CultureInfo.InvariantCulture), month = int.Parse(m, CultureInfo.InvariantCulture), day = int.Parse(d, CultureInfo.InvariantCulture);
        return year is >= 1995 and <= 2100 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    [GeneratedRegex(@"(?<![\d])(?<y>(?:19|20)\d\d)(?:(?<s>[/_-])(?<m>[01]?\d)\k<s>(?<d>[0-3]?\d)|(?<m>[01]\d)(?<d>[0-3]\d))(?![\d])")]
    private static partial Regex Full();

    [GeneratedRegex(@"/(?<y>(?:19|20)\d\d)/(?<m>[01]?\d)/")]
    private static partial Regex YearMonth();
}
