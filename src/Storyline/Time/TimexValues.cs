using System.Globalization;

namespace Storyline.Time;

/// <summary>Word tables and TIMEX3 value formatting.</summary>
internal static class TimexValues
{
    private static readonly string[] Ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    private static readonly string[] Ordinals = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"];

    public const string OnesPattern = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
    public const string TensPattern = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
    public const string OrdinalPattern = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first|\\d{1,2}(?:st|nd|rd|th)";

    /// <summary>Parses a cardinal written in digits or words ("3", "twenty four", "a", "a dozen"); null when vague ("several").</summary>
    public static double? Number(string s)
    {
        s = s.Trim().ToLowerInvariant().Replace('-', ' ');
        if (s.Length == 0) return null;
        if (char.IsDigit(s[0]))
        {
            var parts = s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            double total = 0;
            foreach (var p in parts)
            {
                int slash = p.IndexOf('/');
                if (slash > 0 && double.TryParse(p[..slash], NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
                    && double.TryParse(p[(slash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var b) && b != 0)
                    total += a / b;
                else if (double.TryParse(p.Replace(",", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) total += v;
                else return null;
            }
            return total;
        }
        switch (s)
        {
            case "a" or "an": return 1;
            case "a couple of" or "a couple" or "couple of": return 2;
            case "a dozen" or "dozen": return 12;
            case "half a" or "half an" or "a half": return 0.5;
            case "a hundred": return 100;
        }
        double sum = 0, current = 0;
        bool any = false;
        foreach (var w in s.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int o = Array.IndexOf(Ones, w), t = Array.IndexOf(Tens, w);
            if (o >= 0) current += o;
            else if (t >= 2) current += t * 10;
            else if (w == "hundred") current = Math.Max(1, current) * 100;
            else if (w == "thousand") { sum += Math.Max(1, current) * 1000; current = 0; }
            else if (w is "and" or "a") continue;
            else return null;
            any = true;
        }
        return any ? sum + current : null;
    }

    /// <summary>Parses an ordinal ("third", "3rd", "twenty-first").</summary>
    public static int? Ordinal(string s)
    {
        s = s.Trim().ToLowerInvariant();
        if (s.Length > 2 && char.IsDigit(s[0])) return int.TryParse(s[..^2], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        int i = Array.IndexOf(Ordinals, s);
        if (i > 0) return i;
        return s == "twenty-first" ? 21 : null;
    }

    /// <summary>Month number from a name or abbreviation, or 0.</summary>
    public static int Month(string s)
    {
        if (s.Length < 3) return 0;
        return s[..3].ToLowerInvariant() switch
        {
            "jan" => 1, "feb" => 2, "mar" => 3, "apr" => 4, "may" => 5, "jun" => 6, "jul" => 7, "aug" => 8, "sep" => 9, "oct" => 10, "nov" => 11, "dec" => 12,
            _ => 0,
        };
    }

    /// <summary>Day of week from a name or abbreviation.</summary>
    public static DayOfWeek? Weekday(string s)
    {
        if (s.Length < 3) return null;
        return s[..3].ToLowerInvariant() switch
        {
            "mon" => DayOfWeek.Monday, "tue" => DayOfWeek.Tuesday, "wed" => DayOfWeek.Wednesday, "thu" => DayOfWeek.Thursday,
            "fri" => DayOfWeek.Friday, "sat" => DayOfWeek.Saturday, "sun" => DayOfWeek.Sunday,
            _ => null,
        };
    }

    /// <summary>ISO weekday number, Monday = 1.</summary>
    public static int IsoDay(DayOfWeek d) => d == DayOfWeek.Sunday ? 7 : (int)d;

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string MonthValue(int year, int month) => $"{Year(year)}-{month:00}";

    public static string Year(int year) => year.ToString("0000", CultureInfo.InvariantCulture);

    public static string Week(DateOnly d)
    {
        var dt = d.ToDateTime(TimeOnly.MinValue);
        return $"{Year(ISOWeek.GetYear(dt))}-W{ISOWeek.GetWeekOfYear(dt):00}";
    }

    public static string Quarter(int year, int quarter) => $"{Year(year)}-Q{quarter}";

    public static int QuarterOf(DateOnly d) => (d.Month - 1) / 3 + 1;

    public static string Decade(int year) => (year / 10).ToString("000", CultureInfo.InvariantCulture);

    public static string Season(string s) => s.ToLowerInvariant() switch
    {
        "spring" => "SP",
        "summer" => "SU",
        "fall" or "autumn" => "FA",
        _ => "WI",
    };

    public static string PartOfDay(string s) => s.ToLowerInvariant() switch
    {
        "morning" => "TMO",
        "afternoon" => "TAF",
        "evening" => "TEV",
        "night" or "tonight" or "overnight" => "TNI",
        _ => "TDT",
    };

    /// <summary>Unit keyword ("year", "months", "hrs") to a canonical unit name, or null.</summary>
    public static string? Unit(string s)
    {
        s = s.ToLowerInvariant();
        if (s.StartsWith("sec", StringComparison.Ordinal)) return "second";
        if (s.StartsWith("min", StringComparison.Ordinal)) return "minute";
        if (s.StartsWith("h", StringComparison.Ordinal)) return "hour";
        if (s.StartsWith("day", StringComparison.Ordinal)) return "day";
        if (s.StartsWith("night", StringComparison.Ordinal)) return "night";
        if (s.StartsWith("weekend", StringComparison.Ordinal)) return "weekend";
        if (s.StartsWith("fortnight", StringComparison.Ordinal)) return "fortnight";
        if (s.StartsWith("week", StringComparison.Ordinal)) return "week";
        if (s.StartsWith("month", StringComparison.Ordinal)) return "month";
        if (s.StartsWith("quarter", StringComparison.Ordinal)) return "quarter";
        if (s.StartsWith("decade", StringComparison.Ordinal)) return "decade";
        if (s.StartsWith("centur", StringComparison.Ordinal)) return "century";
        if (s.StartsWith("millenni", StringComparison.Ordinal)) return "millennium";
        if (s.StartsWith("y", StringComparison.Ordinal)) return "year";
        return null;
    }

    /// <summary>A TIMEX3 duration for <paramref name="amount"/> units (null amount: vague, "PXY").</summary>
    public static string Duration(double? amount, string unit)
    {
        if (amount is null)
        {
            return unit switch
            {
                "second" => "PTXS", "minute" => "PTXM", "hour" => "PTXH", "day" or "night" => "PXD", "week" or "fortnight" => "PXW",
                "weekend" => "PXWE", "month" => "PXM", "quarter" => "PXQ", "decade" => "PXDE", "century" => "PXCE", "millennium" => "PXML", _ => "PXY",
            };
        }
        double n = amount.Value;
        (double n2, string u, bool time) = unit switch
        {
            "second" => (n, "S", true),
            "minute" => (n, "M", true),
            "hour" => (n, "H", true),
            "day" or "night" => (n, "D", false),
            "week" => (n, "W", false),
            "fortnight" => (n * 2, "W", false),
            "weekend" => (n * 2, "D", false),
            "month" => (n, "M", false),
            "quarter" => (n, "Q", false),
            "decade" => (n, "DE", false),
            "century" => (n, "CE", false),
            "millennium" => (n, "ML", false),
            _ => (n, "Y", false),
        };
        double whole = Math.Floor(n2), frac = n2 - whole;
        string main = whole > 0 || frac == 0 ? $"{whole.ToString(CultureInfo.InvariantCulture)}{u}" : "";
        string rest = "";
        if (frac > 1e-9)
        {
            // Fractions go to the next smaller unit: 2 1/2 years = P2Y6M, 5 1/2 hours = PT5H30M.
            (double f, string fu, bool ft) = u switch
            {
                "Y" => (frac * 12, "M", false),
                "M" when !time => (frac * 30, "D", false),
                "W" => (frac * 7, "D", false),
                "D" => (frac * 24, "H", true),
                "H" => (frac * 60, "M", true),
                "M" => (frac * 60, "S", true),
                _ => (0, "", false),
            };
            if (f > 0)
            {
                var fs = Math.Round(f).ToString(CultureInfo.InvariantCulture) + fu;
                if (ft && !time) rest = "T" + fs;
                else rest = fs;
            }
        }
        return (time ? "PT" : "P") + main + rest;
    }

    /// <summary>The granularity a unit name stands for.</summary>
    public static TimeGranularity Granularity(string unit) => unit switch
    {
        "second" => TimeGranularity.Second,
        "minute" => TimeGranularity.Minute,
        "hour" => TimeGranularity.Hour,
        "day" or "night" => TimeGranularity.Day,
        "weekend" => TimeGranularity.Weekend,
        "week" or "fortnight" => TimeGranularity.Week,
        "month" => TimeGranularity.Month,
        "quarter" => TimeGranularity.Quarter,
        "decade" => TimeGranularity.Decade,
        "century" or "millennium" => TimeGranularity.Century,
        _ => TimeGranularity.Year,
    };

    /// <summary>Easter Sunday (Gregorian computus).</summary>
    public static DateOnly Easter(int y)
    {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(y, month, day);
    }

    /// <summary>The <paramref name="n"/>th <paramref name="day"/> of a month (n = -1: the last).</summary>
    public static DateOnly NthWeekday(int year, int month, DayOfWeek day, int n)
    {
        if (n < 0)
        {
            var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            while (last.DayOfWeek != day) last = last.AddDays(-1);
            return last;
        }
        var d = new DateOnly(year, month, 1);
        while (d.DayOfWeek != day) d = d.AddDays(1);
        return d.AddDays(7 * (n - 1));
    }
}
