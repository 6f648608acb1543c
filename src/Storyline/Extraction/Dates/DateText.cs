using System.Globalization;
using System.Text.RegularExpressions;

namespace Storyline.Extraction.Dates;

/// <summary>Reads days from machine values (ISO 8601, RFC 1123) and from text in several languages, keeping the day as written.</summary>
internal static partial class DateText
{
    /// <summary>A day found in text, at <paramref name="Index"/>, written as <paramref name="Evidence"/>.</summary>
    public readonly record struct Found(DateOnly Day, int Index, string Evidence);

    // Month names and their usual abbreviations, nominative and genitive where a language inflects them.
    private static readonly Dictionary<string, int> MonthNames = BuildMonths();

    private static Dictionary<string, int> BuildMonths()
    {
        string[][] byLanguage =
        [
            // English
            ["january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul", "august aug", "september sep sept", "october oct", "november nov", "december dec"],
            // German (Austrian Jänner)
            ["januar jänner jän", "februar feber", "märz mär mrz", "april", "mai", "juni", "juli", "august", "september", "oktober okt", "november", "dezember dez"],
            // French
            ["janvier janv", "février fevrier févr fevr", "mars", "avril avr", "mai", "juin", "juillet juil", "août aout", "septembre", "octobre", "novembre", "décembre decembre déc"],
            // Spanish
            ["enero ene", "febrero", "marzo", "abril abr", "mayo", "junio", "julio", "agosto ago", "septiembre setiembre", "octubre", "noviembre", "diciembre dic"],
            // Italian
            ["gennaio gen", "febbraio", "marzo", "aprile", "maggio mag", "giugno giu", "luglio lug", "agosto", "settembre set", "ottobre ott", "novembre", "dicembre"],
            // Portuguese
            ["janeiro", "fevereiro fev", "março marco", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro out", "novembro", "dezembro dez"],
            // Russian
            ["январь января янв", "февраль февраля фев февр", "март марта мар", "апрель апреля апр", "май мая", "июнь июня июн", "июль июля июл", "август августа авг", "сентябрь сентября сен сент", "октябрь октября окт", "ноябрь ноября ноя нояб", "декабрь декабря дек"],
            // Ukrainian
            ["січень січня січ", "лютий лютого лют", "березень березня бер", "квітень квітня квіт", "травень травня трав", "червень червня черв", "липень липня лип", "серпень серпня серп", "вересень вересня вер", "жовтень жовтня жовт", "листопад листопада лист", "грудень грудня груд"],
            // Turkish
            ["ocak", "şubat subat", "mart", "nisan", "mayıs mayis", "haziran", "temmuz", "ağustos agustos", "eylül eylul", "ekim", "kasım kasim", "aralık aralik"],
            // Arabic (the Egyptian and Gulf names; the Levantine ones of one word)
            ["يناير", "فبراير شباط", "مارس آذار", "أبريل ابريل إبريل نيسان", "مايو أيار", "يونيو يونيه حزيران", "يوليو يوليه تموز", "أغسطس اغسطس", "سبتمبر أيلول", "أكتوبر اكتوبر", "نوفمبر", "ديسمبر"],
            // Dutch, Polish (genitive) and Czech (genitive) come cheaply and are common in the same kind of sets.
            ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
            ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"],
            // Romanian (Moldovan sites write it too)
            ["ianuarie ian", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie", "octombrie", "noiembrie", "decembrie"],
        ];
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var language in byLanguage)
            for (int m = 0; m < 12; m++)
                foreach (var name in language[m].Split(' '))
                    map.TryAdd(name, m + 1);
        return map;
    }

    /// <summary>The month number of a month name or abbreviation in any supported language, or 0.</summary>
    public static int Month(string name)
    {
        var n = name.TrimEnd('.');
        return MonthNames.TryGetValue(n, out var m) ? m : 0;
    }

    /// <summary>A day read from a machine value; <paramref name="Utc"/> when the value states a time in UTC ("Z", "+00:00"), whose local day may differ.</summary>
    public readonly record struct MachineDate(DateOnly Day, DateTimeOffset Value, bool Utc);

    /// <summary>A day from a machine-readable value: ISO 8601 (the date part as written, whatever the offset), compact yyyyMMdd, RFC 1123 or a written date.</summary>
    public static MachineDate? Machine(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var value = raw.Trim();
        if (value.Length > 80) return null;
        var iso = IsoStart().Match(value);
        if (iso.Success)
        {
            if (Day(iso.Groups["y"].Value, iso.Groups["m"].Value, iso.Groups["d"].Value) is not { } day) return null;
            // The offset is kept when stated; the day is the one written, not the UTC day.
            bool timed = DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) && DateOnly.FromDateTime(parsed.DateTime) == day;
            // Sloppy times ("T23:15:0Z") do not parse, yet still say the hour in UTC.
            if (!timed && UtcSuffix().IsMatch(value) && IsoTime().Match(value) is { Success: true } time)
            {
                parsed = new DateTimeOffset(day.ToDateTime(new TimeOnly(int.Parse(time.Groups["h"].Value, CultureInfo.InvariantCulture) % 24, int.Parse(time.Groups["m"].Value, CultureInfo.InvariantCulture) % 60)), TimeSpan.Zero);
                timed = true;
            }
            return new MachineDate(day, timed ? parsed : Midnight(day), timed && parsed.Offset == TimeSpan.Zero && parsed.TimeOfDay != TimeSpan.Zero && UtcSuffix().IsMatch(value));
        }
        if (Find(value, null).FirstOrDefault() is { Evidence: not null } found)
        {
            // "Tue Aug 25 2020 00:23:33 GMT+0000 (Coordinated Universal Time)", as script-rendered pages write it.
            if (UtcTime().Match(value) is { Success: true } utc)
            {
                var at = new TimeOnly(int.Parse(utc.Groups["h"].Value, CultureInfo.InvariantCulture) % 24, int.Parse(utc.Groups["m"].Value, CultureInfo.InvariantCulture) % 60);
                return new MachineDate(found.Day, new DateTimeOffset(found.Day.ToDateTime(at), TimeSpan.Zero), at != TimeOnly.MinValue);
            }
            bool timed = DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) && DateOnly.FromDateTime(parsed.DateTime) == found.Day;
            return new MachineDate(found.Day, timed ? parsed : Midnight(found.Day), false);
        }
        return null;
    }

    /// <summary>Midnight UTC of <paramref name="day"/>, the value a day without a time is stored as.</summary>
    public static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Every full date (day, month, year) written in <paramref name="text"/>; <paramref name="monthFirst"/> reads an ambiguous 03/04/2020 as March 4.</summary>
    public static IEnumerable<Found> Find(string text, bool? monthFirst)
    {
        if (text.Length < 6) yield break;
        if (text.Length <= WindowBefore + WindowAfter)
        {
            // Every pattern holds a year that starts with a literal 19 or 20: a short text without either holds no date.
            if (!text.Contains("19", StringComparison.Ordinal) && !text.Contains("20", StringComparison.Ordinal)) yield break;
            foreach (var f in FindIn(text, monthFirst)) yield return f;
            yield break;
        }
        // Every full date has a four-digit year: the patterns run only around years, not over a whole page of words.
        int from = -1, to = -1;
        foreach (var year in Years(text))
        {
            int start = Math.Max(0, year - WindowBefore), end = Math.Min(text.Length, year + WindowAfter);
            if (from >= 0 && start <= to) { to = end; continue; }
            if (from >= 0) foreach (var f in FindIn(text[from..to], monthFirst)) yield return f with { Index = f.Index + from };
            (from, to) = (start, end);
        }
        if (from >= 0) foreach (var f in FindIn(text[from..to], monthFirst)) yield return f with { Index = f.Index + from };
    }

    /// <summary>How far before and after a year a date written around it can start and end.</summary>
    private const int WindowBefore = 40, WindowAfter = 24;

    // Positions of "19xx" and "20xx" standing alone as four digits.
    private static IEnumerable<int> Years(string text)
    {
        int at = 0;
        while ((at = text.AsSpan(at).IndexOfAny("12".AsSpan()) is var i and >= 0 ? at + i : -1) >= 0)
        {
            if (at + 4 <= text.Length && ((text[at] == '1' && text[at + 1] == '9') || (text[at] == '2' && text[at + 1] == '0'))
                && char.IsAsciiDigit(text[at + 2]) && char.IsAsciiDigit(text[at + 3])
                && (at == 0 || !char.IsAsciiDigit(text[at - 1])) && (at + 4 == text.Length || !char.IsAsciiDigit(text[at + 4])))
            {
                yield return at;
                at += 4;
            }
            else at++;
        }
    }

    private static IEnumerable<Found> FindIn(string text, bool? monthFirst)
    {
        foreach (Match m in Written().Matches(text))
        {
            var g = m.Groups;
            var month = Month(g["m1"].Success ? g["m1"].Value : g["m2"].Value);
            if (month == 0) continue;
            var d = g["d1"].Success ? g["d1"].Value : g["d2"].Value;
            if (Day(g["y"].Value, month.ToString(CultureInfo.InvariantCulture), d) is { } day) yield return new Found(day, m.Index, m.Value);
        }
        foreach (Match m in Numeric().Matches(text))
        {
            var g = m.Groups;
            if (g["y1"].Success)
            {
                if (Day(g["y1"].Value, g["m1"].Value, g["d1"].Value) is { } day) yield return new Found(day, m.Index, m.Value);
                continue;
            }
            int a = int.Parse(g["a"].Value, CultureInfo.InvariantCulture), b = int.Parse(g["b"].Value, CultureInfo.InvariantCulture);
            // Dots and dashes are day-first everywhere; a slash is month-first in American pages unless the numbers say otherwise.
            bool slash = g["s"].Value == "/";
            bool mFirst = slash && (b > 12 || (a <= 12 && monthFirst == true));
            if (Day(g["y2"].Value, (mFirst ? a : b).ToString(CultureInfo.InvariantCulture), (mFirst ? b : a).ToString(CultureInfo.InvariantCulture)) is { } d2)
                yield return new Found(d2, m.Index, m.Value);
        }
        foreach (Match m in Cjk().Matches(text))
            if (Day(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value) is { } day) yield return new Found(day, m.Index, m.Value);
    }

    private static DateOnly? Day(string y, string m, string d)
    {
        if (!int.TryParse(y, CultureInfo.InvariantCulture, out var year) || !int.TryParse(m, CultureInfo.InvariantCulture, out var month) || !int.TryParse(d, CultureInfo.InvariantCulture, out var day)) return null;
        return year is >= 1995 and <= 2100 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    [GeneratedRegex(@"(?:Z|[+-]00:?00|\bGMT|\bUTC)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex UtcSuffix();

    [GeneratedRegex(@"(?<h>[0-2]?\d):(?<m>[0-5]\d)(?::\d\d(?:\.\d+)?)?\s*(?:Z|[+-]00:?00|GMT(?:\s*[+-]0000)?|UTC)(?![+-]?[1-9])", RegexOptions.IgnoreCase)]
    private static partial Regex UtcTime();

    [GeneratedRegex(@"[T ](?<h>[0-2]\d):(?<m>[0-5]\d)")]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"^(?<y>(?:19|20)\d\d)(?:-(?<m>\d\d)-(?<d>\d\d)|/(?<m>\d\d)/(?<d>\d\d)|(?<m>\d\d)(?<d>\d\d)(?!\d\d\d\d\d))")]
    private static partial Regex IsoStart();

    // "27 August 2020", "27. August 2020", "27 de agosto de 2020", "27 августа 2020 г.", "August 27, 2020", "Aug. 27th 2020",
    // and "24 نيسان / أبريل 2020", where Levantine pages give both Arabic names of the month (set apart by spaces: an unspaced
    // "21. juni/lipanj" pair is left alone, as listings of other items write it).
    [GeneratedRegex(@"(?<![\p{L}\d])(?:(?<d2>[0-3]?\d)(?:\.|st|nd|rd|th|er|º|-?го)?\s*(?:de\s+|-)?(?<m2>\p{L}{3,}\.?)(?:\s+/\s+\p{L}{3,})?(?:\s*,|\s+de|\s+del|-)?\s*(?<y>(?:19|20)\d\d)|(?<m1>\p{L}{3,}\.?)\s+(?<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(?<y>(?:19|20)\d\d))(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Written();

    // "2020-08-27", "2020/08/27", "2020.08.27", "27.08.2020", "27/08/2020", "27-08-2020".
    [GeneratedRegex(@"(?<![\d.\-/])(?:(?<y1>(?:19|20)\d\d)[-/.](?<m1>[01]?\d)[-/.](?<d1>[0-3]?\d)|(?<a>[0-3]?\d)(?<s>[./-])\s?(?<b>[0-3]?\d)\k<s>\s?(?<y2>(?:19|20)\d\d))(?![\d])")]
    private static partial Regex Numeric();

    // "2020年8月27日" (Chinese, Japanese) and "2020년 8월 27일" (Korean).
    [GeneratedRegex(@"(?<y>(?:19|20)\d\d)\s*[年년]\s*(?<m>[01]?\d)\s*[月월]\s*(?<d>[0-3]?\d)\s*[日일号]?")]
    private static partial Regex Cjk();
}
