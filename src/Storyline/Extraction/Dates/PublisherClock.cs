using System.Globalization;

namespace Storyline.Extraction.Dates;

/// <summary>The publisher's usual UTC offset, from its country domain or the page's locale, so that a time a page states in UTC falls on the day the page shows.</summary>
internal static class PublisherClock
{
    // Standard-time offsets (hours) of countries with one dominant zone or one where most news is published.
    private static readonly Dictionary<string, double> Offsets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["us"] = -5, ["ca"] = -5, ["mx"] = -6, ["br"] = -3, ["ar"] = -3, ["cl"] = -4, ["co"] = -5, ["pe"] = -5, ["ve"] = -4,
        ["uk"] = 0, ["gb"] = 0, ["ie"] = 0, ["pt"] = 0,
        ["fr"] = 1, ["de"] = 1, ["it"] = 1, ["es"] = 1, ["nl"] = 1, ["be"] = 1, ["ch"] = 1, ["at"] = 1, ["pl"] = 1, ["cz"] = 1, ["se"] = 1, ["no"] = 1,
        ["dk"] = 1, ["hu"] = 1, ["sk"] = 1, ["si"] = 1, ["hr"] = 1, ["rs"] = 1, ["ba"] = 1, ["ng"] = 1,
        ["ua"] = 2, ["ro"] = 2, ["bg"] = 2, ["gr"] = 2, ["fi"] = 2, ["ee"] = 2, ["lv"] = 2, ["lt"] = 2, ["md"] = 2, ["il"] = 2, ["eg"] = 2, ["za"] = 2,
        ["ru"] = 3, ["tr"] = 3, ["by"] = 3, ["sa"] = 3, ["qa"] = 3, ["kw"] = 3, ["iq"] = 3, ["ke"] = 3, ["ir"] = 3.5, ["ae"] = 4, ["az"] = 4, ["pk"] = 5,
        ["in"] = 5.5, ["bd"] = 6, ["th"] = 7, ["vn"] = 7, ["id"] = 7, ["cn"] = 8, ["hk"] = 8, ["tw"] = 8, ["sg"] = 8, ["my"] = 8, ["ph"] = 8,
        ["jp"] = 9, ["kr"] = 9, ["au"] = 10, ["nz"] = 12,
    };

    /// <summary>The offset for a page at <paramref name="url"/> whose locale is <paramref name="locale"/> ("en-US", "fr_CA"), or null when neither tells.</summary>
    public static TimeSpan? Offset(string? url, string? locale)
    {
        // A country domain is the publisher's own statement; a locale is often a CMS default ("en-US" on sites everywhere), so it only decides for generic domains.
        if (url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            var tld = uri.Host[(uri.Host.LastIndexOf('.') + 1)..];
            if (tld.Length == 2) return Offsets.TryGetValue(tld, out var h) ? TimeSpan.FromHours(h) : null;
        }
        if (locale is { Length: >= 5 } && (locale[2] is '-' or '_') && Offsets.TryGetValue(locale[3..5], out var byLocale)) return TimeSpan.FromHours(byLocale);
        return null;
    }

    /// <summary>The day a UTC instant falls on at <paramref name="offset"/>.</summary>
    public static DateOnly LocalDay(DateTimeOffset instant, TimeSpan offset) => DateOnly.FromDateTime(instant.ToOffset(offset).DateTime);

}
