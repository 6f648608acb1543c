using System.Globalization;
using System.Text.RegularExpressions;
using static Storyline.Time.TimexValues;

namespace Storyline.Time;

/// <summary>The recognition rules, in priority order (earlier wins a tie in length).</summary>
public sealed partial class TimeExpressionRecognizer
{
    private const string B = @"(?<![\w'’-])";
    private const string E = @"(?![\w])";
    private const string Month = @"(?-i:(?<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?))(?![a-z])";
    private const string Weekday = @"(?-i:(?<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tues?\.|Wed\.|Thu(?:rs?)?\.|Fri\.|Sat\.|Sun\.))";
    private const string Day = @"(?<day>[0-3]?[0-9])(?:st|nd|rd|th)?";
    private const string Year = @"(?<year>(?:1[6-9]|20)[0-9][0-9])(?![0-9]|[.,][0-9])";
    private const string RelYear = @"(?<ry>this|last|next|that|the\s+same|the\s+previous|the\s+following)\s+year";
    private const string Mod = @"(?:(?<mod>(?:the\s+)?(?:end|beginning|start|middle|close|turn|first\s+half|second\s+half|latter\s+half|last\s+half|first\s+part|latter\s+part|rest|remainder|balance)\s+of(?:\s+the)?|early|late|mid|earlier|later)(?:\s+in)?(?:\s+|-))";
    private const string NumWord = @"(?:(?:" + TensPattern + @")(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|" + OnesPattern + ")";
    private const string SmallNum = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";
    private const string Vague = @"(?<vague>several|a\s+few|few|many|numerous|dozens\s+of|hundreds\s+of|thousands\s+of|a\s+number\s+of|a\s+couple\s+of|some)";
    private const string Unit = @"(?<unit>years?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|decades?|centur(?:y|ies)|quarters?|weekends?|fortnights?|nights?|millenni(?:um|a))";
    private const string Part = @"(?<part>morning|afternoon|evening|night)";

    internal static readonly Rule[] Rules = BuildRules();

    /// <summary>Resolves a duration rule's match extended by a direction word ("two years" + "ago").</summary>
    internal static readonly Rule AgoRule = new("ago", new Regex("(?!)"), Ago);

    // Patterns use [0-9], not \d, which would also match Arabic-Indic and other digits that int.Parse rejects.
    // Source-generated so that nothing is compiled at run time: the first call stays fast.
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private const int TimeoutMs = 5000;

    private static readonly Regex UnitTrigger = UnitTriggerRx();
    private static readonly Regex MonthTrigger = MonthTriggerRx();

    [GeneratedRegex(@"\b(?:year|month|week|day|hour|hr|minute|min|second|sec|decade|century|centuries|quarter|weekend|fortnight|night|millennium|millennia)s?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnitTriggerRx();

    [GeneratedRegex("January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec", RegexOptions.CultureInvariant)]
    private static partial Regex MonthTriggerRx();

    private static Rule[] BuildRules() =>
    [
        new("iso", RxIso(), IsoDate),
        new("numeric", RxNumeric(), NumericDate),
        new("full-date", RxFullDate(), FullDate, MonthTrigger),
        new("month-day", RxMonthDay(), MonthDay, MonthTrigger),
        new("month-year", RxMonthYear(), MonthYear, MonthTrigger),
        new("month", RxMonth(), MonthAlone, MonthTrigger),
        new("quarter", RxQuarter(), OrdinalQuarter, TriggerRx1()),
        new("quarter-code", RxQuarterCode(), OrdinalQuarter),
        new("half", RxHalf(), HalfYear),
        new("quarter-relative", RxQuarterRelative(), RelativeQuarter, TriggerRx2()),
        new("year-period", RxYearPeriod(), YearPeriod),
        new("year-quarter", RxYearQuarter(), RelativeQuarter),
        new("decade", RxDecade(), Decade, TriggerRx3()),
        new("decade-word", RxDecadeWord(), Decade),
        new("century", RxCentury(), Century, TriggerRx4()),
        new("year", RxYear(), YearOnly, TriggerRx5()),
        new("spelled-year", RxSpelledYear(), SpelledYear),
        new("season", RxSeason(), Season, TriggerRx6()),
        new("day-word", RxDayWord(), DayWord),
        new("day-around", RxDayAround(), DayWord),
        new("part-of-day", RxPartOfDay(), PartOfDayRel),
        new("weekday", RxWeekday(), WeekdayRule),
        new("clock", RxClock(), Clock),
        new("clock24", RxClock24(), Clock),
        new("clock-words", RxClockWords(), Clock),
        new("noon", RxNoon(), Clock),
        new("ago-bare", RxAgoBare(), Ago),
        new("year-earlier", RxYearEarlier(), YearAdjective),
        new("holiday", RxHoliday(), Holiday, TriggerRx7()),
        new("the-unit", RxTheUnit(), TheUnit),
        new("relative", RxRelative(), Relative, UnitTrigger),
        new("set-adverb", RxSetAdverb(), SetRule),
        new("set-every", RxSetEvery(), SetRule),
        new("set-rate", RxSetRate(), SetRule),
        new("set-weekdays", RxSetWeekdays(), SetRule),
        new("duration-digits", RxDurationDigits(), Duration, UnitTrigger, TakesAgo: true, TakesPrefix: true),
        new("duration-words", RxDurationWords(), Duration, UnitTrigger, TakesAgo: true, TakesPrefix: true),
        new("duration-vague", RxDurationVague(), Duration, UnitTrigger, TakesAgo: true, TakesPrefix: true),
        new("vague-duration", RxVagueDuration(), VagueDuration, UnitTrigger),
        new("for-plural", RxForPlural(), VagueDuration, UnitTrigger),
        new("ref", RxRef(), Reference),
    ];

    // ---- absolute dates ----

    private static TimexResult? IsoDate(Match m, ResolveContext c)
    {
        var d = new DateOnly(Int(m, "year"), Int(m, "m"), Int(m, "d"));
        if (m.Groups["hh"].Success)
            return new(TimexType.Time, $"{TimexValues.Day(d)}T{m.Groups["hh"].Value}:{m.Groups["mi"].Value}", TimeGranularity.Minute, null, d);
        return new(TimexType.Date, TimexValues.Day(d), TimeGranularity.Day, null, d);
    }

    private static TimexResult? NumericDate(Match m, ResolveContext c)
    {
        int y = Int(m, "year");
        if (y < 100) y += y < 50 ? 2000 : 1900;
        var d = new DateOnly(y, Int(m, "m"), Int(m, "d"));
        return new(TimexType.Date, TimexValues.Day(d), TimeGranularity.Day, null, d);
    }

    private static TimexResult? FullDate(Match m, ResolveContext c)
    {
        var d = new DateOnly(Int(m, "year"), TimexValues.Month(m.Groups["mon"].Value), Int(m, "day"));
        return new(TimexType.Date, TimexValues.Day(d), TimeGranularity.Day, null, d);
    }

    private static TimexResult? MonthDay(Match m, ResolveContext c)
    {
        int month = TimexValues.Month(m.Groups["mon"].Value), day = Int(m, "day");
        if (day is < 1 or > 31) return null;
        // "May 5" needs the capital: "may 5" is a verb and a number; "the 5 of May" is fine.
        if (c.Reference is not { } r)
        {
            _ = new DateOnly(2000, month, day); // throws for "February 30", which is then no date
            return new(TimexType.Date, $"XXXX-{month:00}-{day:00}", TimeGranularity.Day);
        }
        int year = m.Groups["rel"].Value.ToLowerInvariant() switch
        {
            "last" => new DateOnly(r.Year, month, Math.Min(day, 28)) < r ? r.Year : r.Year - 1,
            "next" => new DateOnly(r.Year, month, Math.Min(day, 28)) > r ? r.Year : r.Year + 1,
            "this" => r.Year,
            "that" => c.AnchorDate?.Year ?? r.Year,
            _ => YearFor(c, m, r, month, day),
        };
        var d = new DateOnly(year, month, day);
        return new(TimexType.Date, TimexValues.Day(d), TimeGranularity.Day, null, d);
    }

    // A month (and day) without a year: the reference year, moved back or forward a year when the tense says the
    // date must lie before or after the reference and the reference year's date does not.
    private static int YearFor(ResolveContext c, Match m, DateOnly r, int month, int? day)
    {
        var tense = c.TenseAt(m.Index, m.Index + m.Length);
        int diff = (month - r.Month) * 31 + ((day ?? 15) - r.Day);
        if (day is null) diff = (month - r.Month) * 31;
        // A dated day a few weeks off the reference is usually this year's whatever the tense ("payable Dec. 15",
        // "had until Jan. 14"); a month alone in a past sentence is last year's once it lies after the reference month.
        int slack = day is null ? 0 : 62;
        if (tense == Tense.Past && diff > slack) return r.Year - 1;
        if (tense == Tense.Future && diff < -slack) return r.Year + 1;
        // Without a tense, take the nearest: a December date in a January article is last year's.
        if (tense == Tense.Unknown && Math.Abs(diff) > 6 * 31) return diff > 0 ? r.Year - 1 : r.Year + 1;
        return r.Year;
    }

    private static TimexResult? MonthYear(Match m, ResolveContext c)
    {
        int month = TimexValues.Month(m.Groups["mon"].Value);
        int? year = m.Groups["year"].Success ? Int(m, "year") : RelativeYear(m.Groups["ry"].Value, c);
        if (year is null) return new(TimexType.Date, $"XXXX-{month:00}", TimeGranularity.Month, ModOf(m));
        return new(TimexType.Date, MonthValue(year.Value, month), TimeGranularity.Month, ModOf(m), new DateOnly(year.Value, month, 1));
    }

    private static int? RelativeYear(string rel, ResolveContext c)
    {
        rel = Squash(rel);
        if (rel is "that" or "the same") return c.AnchorDate?.Year;
        if (c.Reference is not { } r) return null;
        return rel switch
        {
            "last" or "the previous" => r.Year - 1,
            "next" or "the following" => r.Year + 1,
            _ => r.Year,
        };
    }

    private static readonly HashSet<string> MayContext = new(StringComparer.Ordinal)
    {
        "in", "of", "since", "until", "till", "by", "from", "through", "during", "early", "late", "mid", "last", "this", "next", "to",
        "between", "and", "before", "after", "on", "or", "that", "end", "beginning", "start", "middle", "for",
    };

    private static TimexResult? MonthAlone(Match m, ResolveContext c)
    {
        var name = m.Groups["mon"].Value;
        int month = TimexValues.Month(name);
        bool qualified = m.Groups["rel"].Success || m.Groups["mod"].Success;
        // "may" is a verb; "March" a noun and verb; bare abbreviations are too ambiguous on their own.
        if (!qualified && name is "May" or "March" && !MayContext.Contains(c.PreviousWord(m.Index))) return null;
        if (!qualified && name.Length <= 4 && name != "June" && name != "July" && name != "May") return null;
        var mod = ModOf(m);
        if (c.Reference is not { } r) return new(TimexType.Date, $"XXXX-{month:00}", TimeGranularity.Month, mod);
        int year;
        switch (m.Groups["rel"].Value.ToLowerInvariant())
        {
            case "last" or "past":
                year = month < r.Month ? r.Year : r.Year - 1;
                break;
            case "next" or "coming":
                year = month > r.Month ? r.Year : r.Year + 1;
                break;
            case "this":
                year = r.Year;
                break;
            case "that":
                year = c.AnchorDate?.Year ?? r.Year;
                break;
            default:
                year = YearFor(c, m, r, month, null);
                break;
        }
        return new(TimexType.Date, MonthValue(year, month), TimeGranularity.Month, mod, new DateOnly(year, month, 1));
    }

    private static TimexResult? YearOnly(Match m, ResolveContext c)
    {
        int y = Int(m, "year");
        var pre = m.Groups["pre"].Value.ToLowerInvariant();
        // A bare four-digit number is a year only in a plausible range and not as a count ("1,500", "2000 people").
        if (!m.Groups["pre"].Success && !m.Groups["mod"].Success)
        {
            if (y < 1800 || y > 2099) return null;
            var after = c.Text.AsSpan(m.Index + m.Length);
            var next = NextWord(after);
            if (CountNouns.Contains(next)) return null;
            var before = c.PreviousWord(m.Index);
            if (before is "no" or "number" or "flight" or "route" or "page" or "room" or "article" or "resolution" or "section") return null;
            if (m.Index > 0 && c.Text[m.Index - 1] is '$' or '#' or '£' or '€' or '¥') return null;
        }
        return new(TimexType.Date, TimexValues.Year(y), TimeGranularity.Year, pre is "pre" ? "BEFORE" : pre is "post" ? "AFTER" : ModOf(m), new DateOnly(y, 1, 1));
    }

    private static readonly HashSet<string> CountNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "people", "persons", "students", "workers", "trainees", "cases", "deaths", "yuan", "dollars", "euros", "pounds", "tons", "tonnes",
        "km", "kilometers", "kilometres", "meters", "metres", "miles", "feet", "barrels", "shares", "troops", "soldiers", "units", "jobs",
        "votes", "acres", "hectares", "households", "villages", "residents", "families", "children", "police", "officers", "delegates",
        "members", "times", "points", "rooms", "beds", "copies", "articles", "pages", "words", "cars", "vehicles", "homes", "houses",
        "companies", "firms", "employees", "staff", "patients", "victims", "refugees", "prisoners", "detainees", "calories", "mw", "kw",
    };

    private static string NextWord(ReadOnlySpan<char> after)
    {
        int i = 0;
        while (i < after.Length && after[i] == ' ') i++;
        int s = i;
        while (i < after.Length && char.IsLetter(after[i])) i++;
        return after[s..i].ToString();
    }

    private static TimexResult? SpelledYear(Match m, ResolveContext c)
    {
        var s = m.Groups["spelled"].Value.ToLowerInvariant().Replace('-', ' ');
        int y;
        if (s.StartsWith("two thousand", StringComparison.Ordinal)) y = 2000 + (int)(Number(s.Length > 12 ? s[12..].Replace("and", "") : "") ?? 0);
        else if (s.EndsWith("hundred", StringComparison.Ordinal)) y = 1900;
        else y = 1900 + (int)(Number(s["nineteen".Length..]) ?? 0);
        return new(TimexType.Date, TimexValues.Year(y), TimeGranularity.Year, null, new DateOnly(y, 1, 1));
    }

    private static TimexResult? Decade(Match m, ResolveContext c)
    {
        int start;
        if (m.Groups["dec"].Success) start = Int(m, "dec");
        else if (m.Groups["dec2"].Success)
        {
            int two = Int(m, "dec2");
            int century = c.Reference is { } r && two <= r.Year % 100 ? r.Year / 100 * 100 : 1900;
            start = century + two;
        }
        else
        {
            var w = m.Groups["decw"].Value.ToLowerInvariant();
            int tens = Array.IndexOf(["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"], w) + 2;
            start = 1900 + tens * 10;
        }
        return new(TimexType.Date, TimexValues.Decade(start), TimeGranularity.Decade, ModOf(m), new DateOnly(start, 1, 1));
    }

    private static TimexResult? Century(Match m, ResolveContext c)
    {
        int n;
        if (m.Groups["ord"].Success) n = Ordinal(m.Groups["ord"].Value) ?? 0;
        else
        {
            if (c.Reference is not { } r) return new(TimexType.Date, "XX", TimeGranularity.Century, ModOf(m));
            int current = r.Year / 100 + 1;
            var rel = Squash(m.Groups["rel"].Value);
            if (rel is "the past" or "the last" && !m.Groups["mod"].Success) return new(TimexType.Duration, "P1CE", TimeGranularity.Century);
            n = rel switch { "last" or "the previous" => current - 1, "next" or "the next" => current + 1, _ => current };
        }
        if (n is < 1 or > 30) return null;
        return new(TimexType.Date, (n - 1).ToString("00", CultureInfo.InvariantCulture), TimeGranularity.Century, ModOf(m), new DateOnly(Math.Max(1, (n - 1) * 100), 1, 1));
    }

    private static TimexResult? Season(Match m, ResolveContext c)
    {
        var season = m.Groups["season"].Value;
        var rel = m.Groups["rel"].Value.ToLowerInvariant();
        bool hasYear = m.Groups["year"].Success || m.Groups["ry"].Success || m.Groups["yw"].Success;
        if (!hasYear && !m.Groups["mod"].Success && (rel.Length == 0 || rel == "the"))
        {
            // A bare season ("summer") only after a temporal preposition; never bare "fall".
            var before = c.PreviousWord(m.Index);
            if (season.Equals("fall", StringComparison.OrdinalIgnoreCase) && rel.Length == 0) return null;
            if (before is not ("in" or "during" or "by" or "until" or "since" or "through" or "throughout" or "over" or "this" or "last" or "next" or "early" or "late")) return null;
        }
        var code = TimexValues.Season(season);
        int? year = null;
        if (m.Groups["year"].Success) year = Int(m, "year");
        else if (m.Groups["ry"].Success) year = RelativeYear(m.Groups["ry"].Value, c);
        else if (m.Groups["yw"].Success)
        {
            var w = m.Groups["yw"].Value.ToLowerInvariant().Replace('-', ' ');
            year = w.StartsWith("nineteen ", StringComparison.Ordinal) && Number(w[9..]) is { } n ? 1900 + (int)n : null;
            if (year is null) return null;
        }
        else if (c.Reference is { } r)
        {
            int seasonMonth = code switch { "SP" => 4, "SU" => 7, "FA" => 10, _ => 1 };
            int current = r.Year;
            year = rel switch
            {
                "last" or "past" => seasonMonth < r.Month - 2 ? current : current - 1,
                "next" or "coming" => seasonMonth > r.Month ? current : current + 1,
                "that" => c.AnchorDate?.Year ?? current,
                _ => YearFor(c, m, r, seasonMonth, null),
            };
        }
        if (year is null) return new(TimexType.Date, "XXXX-" + code, TimeGranularity.Season, ModOf(m));
        return new(TimexType.Date, $"{TimexValues.Year(year.Value)}-{code}", TimeGranularity.Season, ModOf(m), new DateOnly(year.Value, 1, 1));
    }

    // ---- quarters ----

    private static TimexResult? OrdinalQuarter(Match m, ResolveContext c)
    {
        int q = m.Groups["qn"].Success ? Int(m, "qn") : Ordinal(m.Groups["q"].Value) ?? 0;
        if (q is < 1 or > 4) return null;
        int? year = null;
        if (m.Groups["year"].Success) year = Int(m, "year");
        else if (m.Groups["ypre"].Success) year = Int(m, "ypre");
        else if (m.Groups["ry"].Success) year = RelativeYear(m.Groups["ry"].Value, c);
        else if (m.Groups["rpre"].Success) year = RelativeYear(m.Groups["rpre"].Value, c);
        else if (c.LastQuarter is { } lq && m.Groups["pre"].Success && m.Groups["pre"].Value.Equals("that", StringComparison.OrdinalIgnoreCase)) year = lq.Year;
        else if (c.Reference is { } r)
        {
            // The most recent such quarter that has begun; a future tense can point to the coming one.
            int current = QuarterOf(r);
            year = q <= current ? r.Year : r.Year - 1;
            if (q > current && c.TenseAt(m.Index, m.Index + m.Length) == Tense.Future) year = r.Year;
        }
        if (year is null) return new(TimexType.Date, $"XXXX-Q{q}", TimeGranularity.Quarter);
        return new(TimexType.Date, Quarter(year.Value, q), TimeGranularity.Quarter, null, new DateOnly(year.Value, (q - 1) * 3 + 1, 1));
    }

    private static TimexResult? YearPeriod(Match m, ResolveContext c)
    {
        int y = Int(m, "year");
        // In quarterly reports "the 1988 period" is the quarter under discussion, in that year.
        if (c.LastQuarter is { } lq) return new(TimexType.Date, Quarter(y, lq.Quarter), TimeGranularity.Quarter);
        return new(TimexType.Date, TimexValues.Year(y), TimeGranularity.Year, null, new DateOnly(y, 1, 1));
    }

    private static TimexResult? HalfYear(Match m, ResolveContext c)
    {
        var h = m.Groups["h"].Value.ToLowerInvariant() is "first" or "1st" ? 1 : 2;
        int? year = m.Groups["year"].Success ? Int(m, "year") : m.Groups["ry"].Success ? RelativeYear(m.Groups["ry"].Value, c) : c.Reference?.Year;
        if (year is null) return new(TimexType.Date, $"XXXX-H{h}", TimeGranularity.HalfYear);
        return new(TimexType.Date, $"{TimexValues.Year(year.Value)}-H{h}", TimeGranularity.HalfYear, null, new DateOnly(year.Value, h == 1 ? 1 : 7, 1));
    }

    private static TimexResult? RelativeQuarter(Match m, ResolveContext c)
    {
        var which = Squash(m.Groups["which"].Value);
        var what = m.Groups["what"].Value.ToLowerInvariant();
        string text = Squash(m.Value);
        bool yearBack = which is "year-earlier" or "year-ago" or "prior-year" or "year-before" or "comparable" || text.StartsWith("last year's", StringComparison.Ordinal);
        // "period" alone is too vague; it is a quarter only in "the year-earlier period" and the like.
        if (what == "period" && !yearBack && which is not ("latest" or "same" or "comparable")) return null;
        if (which.Length == 0 && !text.StartsWith("the", StringComparison.Ordinal) && !text.Contains("year's", StringComparison.Ordinal)) return null;
        (int Year, int Quarter)? q = null;
        if (which is "this" or "current" && c.Reference is { } r0) q = (r0.Year, QuarterOf(r0));
        else if (which is "latest" or "past" or "recent" && c.Reference is { } r1) q = QuarterOf(r1) == 1 ? (r1.Year - 1, 4) : (r1.Year, QuarterOf(r1) - 1);
        else if (c.LastQuarter is { } lq) q = lq;
        else if (c.Reference is { } r)
        {
            int cur = QuarterOf(r);
            q = cur == 1 ? (r.Year - 1, 4) : (r.Year, cur - 1);
        }
        if (q is null) return new(TimexType.Date, "XXXX-QX", TimeGranularity.Quarter);
        var (y, n) = q.Value;
        if (yearBack) y--;
        var result = new TimexResult(TimexType.Date, Quarter(y, n), TimeGranularity.Quarter, null, new DateOnly(y, (n - 1) * 3 + 1, 1));
        return yearBack ? result with { Date = null } : result;
    }

    // ---- days and times ----

    private static TimexResult? DayWord(Match m, ResolveContext c)
    {
        var rd = m.Groups["rd"].Value.ToLowerInvariant();
        int offset = rd switch { "yesterday" => -1, "tomorrow" => 1, _ => 0 };
        if (m.Groups["ba"].Success) offset += m.Groups["ba"].Value.Equals("before", StringComparison.OrdinalIgnoreCase) ? -1 : 1;
        string? part = m.Groups["part"].Success ? PartOfDay(m.Groups["part"].Value) : rd is "tonight" or "overnight" ? "TNI" : null;
        if (c.Reference is not { } r)
            return new(TimexType.Date, offset == 0 ? "PRESENT_REF" : offset < 0 ? "PAST_REF" : "FUTURE_REF", TimeGranularity.Unknown, ModOf(m));
        var d = r.AddDays(offset);
        if (part is not null && m.Groups["part"].Success)
            return new(TimexType.Time, TimexValues.Day(d) + "T" + part[1..], TimeGranularity.PartOfDay, ModOf(m), d);
        return new(TimexType.Date, TimexValues.Day(d), TimeGranularity.Day, ModOf(m), d);
    }

    private static TimexResult? PartOfDayRel(Match m, ResolveContext c)
    {
        var rel = m.Groups["rel"].Value.ToLowerInvariant();
        var part = PartOfDay(m.Groups["part"].Value);
        int offset = rel switch { "yesterday" => -1, "tomorrow" => 1, "last" => -1, _ => 0 };
        if (rel == "last" && part != "TNI") offset = -1;
        if (c.Reference is not { } r) return new(TimexType.Time, "XXXX-XX-XXT" + part[1..], TimeGranularity.PartOfDay);
        var d = r.AddDays(offset);
        return new(TimexType.Time, TimexValues.Day(d) + "T" + part[1..], TimeGranularity.PartOfDay, ModOf(m), d);
    }

    private static TimexResult? WeekdayRule(Match m, ResolveContext c)
    {
        var wd = TimexValues.Weekday(m.Groups["wd"].Value)!.Value;
        var rel = m.Groups["rel"].Value.ToLowerInvariant();
        if (c.Reference is not { } r) return new(TimexType.Date, $"XXXX-WXX-{IsoDay(wd)}", TimeGranularity.Day);
        var d = ResolveWeekday(c, m, r, wd, rel);
        if (m.Groups["part"].Success)
            return new(TimexType.Time, TimexValues.Day(d) + "T" + PartOfDay(m.Groups["part"].Value)[1..], TimeGranularity.PartOfDay, ModOf(m), d);
        return new(TimexType.Date, TimexValues.Day(d), TimeGranularity.Day, ModOf(m), d);
    }

    private static DateOnly ResolveWeekday(ResolveContext c, Match m, DateOnly r, DayOfWeek wd, string rel)
    {
        int back = ((int)r.DayOfWeek - (int)wd + 7) % 7, forward = ((int)wd - (int)r.DayOfWeek + 7) % 7;
        switch (rel)
        {
            case "last" or "past" or "previous":
                return r.AddDays(back == 0 ? -7 : -back);
            case "next" or "coming" or "following":
                return r.AddDays(forward == 0 ? 7 : forward);
            case "this":
                return r.AddDays(IsoDay(wd) - IsoDay(r.DayOfWeek));
        }
        if (back == 0) return r;
        return c.TenseAt(m.Index, m.Index + m.Length) == Tense.Future ? r.AddDays(forward) : r.AddDays(-back);
    }

    private static TimexResult? Clock(Match m, ResolveContext c)
    {
        int h, mi = 0;
        if (m.Groups["noon"].Success)
        {
            h = m.Groups["noon"].Value.Equals("midnight", StringComparison.OrdinalIgnoreCase) ? 0 : 12;
        }
        else
        {
            h = Int(m, "h");
            if (m.Groups["mi"].Success) mi = Int(m, "mi");
            var ap = m.Groups["ap"].Value.ToLowerInvariant();
            if (m.Groups["part"].Success) ap = m.Groups["part"].Value.Equals("morning", StringComparison.OrdinalIgnoreCase) ? "a" : "p";
            if (ap.StartsWith('p') && h < 12) h += 12;
            if (ap.StartsWith('a') && h == 12) h = 0;
            if (h > 23) return null;
            // "10.30" without a.m./p.m. is a decimal, not a time.
            if (!m.Groups["ap"].Success && !m.Groups["part"].Success && !m.Value.Contains(':')) return null;
        }
        DateOnly? day = c.Reference;
        if (c.Reference is { } r)
        {
            if (m.Groups["wd"].Success) day = ResolveWeekday(c, m, r, TimexValues.Weekday(m.Groups["wd"].Value)!.Value, "");
            else if (m.Groups["rd"].Success) day = r.AddDays(m.Groups["rd"].Value.ToLowerInvariant() switch { "yesterday" => -1, "tomorrow" => 1, _ => 0 });
        }
        var time = $"T{h:00}:{mi:00}";
        var mod = m.Groups["approx"].Success ? "APPROX" : null; // clock's own approx group
        return day is { } d
            ? new(TimexType.Time, TimexValues.Day(d) + time, TimeGranularity.Minute, mod, d)
            : new(TimexType.Time, "XXXX-XX-XX" + time, TimeGranularity.Minute, mod);
    }

    // ---- relative periods ----

    private static TimexResult? Ago(Match m, ResolveContext c)
    {
        var unit = TimexValues.Unit(m.Groups["unit"].Value) ?? "year";
        double? n = m.Groups["num"].Success ? Number(m.Groups["num"].Value) : m.Groups["vague"].Success ? null : 1;
        var dir = m.Groups["dir"].Success ? Squash(m.Groups["dir"].Value) : AgoDirection(c.Text, m.Index + m.Length)?.Direction ?? "ago";
        bool fromAnchor = dir is "earlier" or "later" or "before";
        int sign = dir is "later" or "hence" or "from now" ? 1 : -1;
        var mod = ApproxMod(c.Prefix.Approx);
        if (n is null) return new(TimexType.Date, sign < 0 ? "PAST_REF" : "FUTURE_REF", TimeGranularity.Unknown, mod);
        DateOnly? baseDate = fromAnchor ? c.AnchorDate : c.Reference;
        if (baseDate is not { } b) return new(TimexType.Date, sign < 0 ? "PAST_REF" : "FUTURE_REF", TimeGranularity.Unknown, mod);
        int k = (int)Math.Round(n.Value) * sign;
        // In quarterly reporting "a year earlier" means the same quarter a year before.
        if (unit == "year" && c.LastQuarter is { } lq && (fromAnchor || c.Anchor?.Granularity == TimeGranularity.Quarter))
            return new(TimexType.Date, Quarter(lq.Year + k, lq.Quarter), TimeGranularity.Quarter, mod);
        return Shift(b, unit, k, mod);
    }

    private static readonly string[] ApproxPhrases = SortedByLength(
        "about", "around", "approximately", "roughly", "some", "nearly", "almost", "more than", "over", "less than", "under", "at least", "at most",
        "up to", "no more than", "no less than", "just", "only", "barely", "well over", "close to", "the better part of", "a full", "fully");

    private static readonly string[] PrePhrases = SortedByLength(
        "the past", "the last", "the next", "the first", "the latest", "the previous", "the coming", "the following", "the final", "the remaining",
        "the initial", "the recent", "the entire", "the whole", "the full", "the same", "the other", "past", "last", "next", "first", "coming",
        "following", "recent", "final", "another", "an additional", "additional", "the");

    private static string[] SortedByLength(params string[] phrases) => [.. phrases.OrderByDescending(p => p.Length)];

    /// <summary>Extends a duration leftwards over a determiner ("the past") and an approximation ("about"), returning the new start.
    /// Done in code rather than in the pattern: optional prefixes made the duration patterns several times slower.</summary>
    internal static (int Start, DurationPrefix Prefix) ExtendDurationLeft(string text, int start, int end)
    {
        string? pre = null, approx = null;
        // A hyphenated duration ("the 30-day period") is an adjective: the article belongs to the noun phrase.
        bool adjective = text.AsSpan(start, end - start).Contains('-');
        if (PhraseBefore(text, start, PrePhrases) is { } p && !(adjective && p.Phrase == "the"))
        {
            pre = p.Phrase;
            start = p.Start;
        }
        if (PhraseBefore(text, start, ApproxPhrases) is { } a && !(a.Phrase is "over" or "under" && pre is not null && pre.StartsWith("the", StringComparison.Ordinal)))
        {
            approx = a.Phrase;
            start = a.Start;
        }
        return (start, new DurationPrefix(approx, pre));
    }

    private static (string Phrase, int Start)? PhraseBefore(string text, int start, string[] phrases)
    {
        int end = start;
        while (end > 0 && text[end - 1] is ' ' or '\t' or '\n') end--;
        if (end == start || end == 0) return null;
        foreach (var phrase in phrases)
        {
            int s = end - phrase.Length;
            if (s < 0 || (s > 0 && (char.IsLetterOrDigit(text[s - 1]) || text[s - 1] is '\'' or '’' or '-'))) continue;
            if (MatchesLoosely(text, s, phrase)) return (phrase, s);
        }
        return null;
    }

    // Case-insensitive comparison where a space in the phrase matches one whitespace character.
    private static bool MatchesLoosely(string text, int s, string phrase)
    {
        for (int k = 0; k < phrase.Length; k++)
        {
            char a = text[s + k], b = phrase[k];
            if (b == ' ' ? !char.IsWhiteSpace(a) : char.ToLowerInvariant(a) != b) return false;
        }
        return true;
    }

    // A duration followed by "ago", "earlier", "later" or "from now" is a point in time: "10 days ago".
    private static readonly Regex AgoSuffix = AgoSuffixRx();

    [GeneratedRegex(@"\G\s+(?:or\s+so\s+)?(?<dir>ago|earlier|later|hence|from\s+now|previously|before(?=\s*[.,;)]))(?![\w])", Options)]
    private static partial Regex AgoSuffixRx();

    /// <summary>The direction word right after a duration ending at <paramref name="end"/>, and the length it adds, or null.</summary>
    internal static (string Direction, int Length)? AgoDirection(string text, int end)
    {
        if (end >= text.Length) return null;
        var m = AgoSuffix.Match(text, end);
        return m.Success && m.Index == end ? (Squash(m.Groups["dir"].Value), m.Length) : null;
    }

    private static TimexResult? Shift(DateOnly b, string unit, int k, string? mod)
    {
        switch (unit)
        {
            case "second" or "minute" or "hour":
                return new(TimexType.Time, TimexValues.Day(b), TimeGranularity.Day, mod, b);
            case "day" or "night":
                var d = b.AddDays(k);
                return new(TimexType.Date, TimexValues.Day(d), TimeGranularity.Day, mod, d);
            case "weekend":
                // The weekend "this" refers to is the one just past until midweek, then the coming one.
                var saturday = b.AddDays(-(((int)b.DayOfWeek - (int)DayOfWeek.Saturday + 7) % 7));
                if (b.DayOfWeek is DayOfWeek.Thursday or DayOfWeek.Friday) saturday = saturday.AddDays(7);
                saturday = saturday.AddDays(7 * k);
                return new(TimexType.Date, Week(saturday) + "-WE", TimeGranularity.Weekend, mod, saturday);
            case "week" or "fortnight":
                var w = b.AddDays(7 * k * (unit == "fortnight" ? 2 : 1));
                return new(TimexType.Date, Week(w), TimeGranularity.Week, mod, w);
            case "month":
                var mo = b.AddMonths(k);
                return new(TimexType.Date, MonthValue(mo.Year, mo.Month), TimeGranularity.Month, mod, new DateOnly(mo.Year, mo.Month, 1));
            case "quarter":
                var qd = b.AddMonths(3 * k);
                return new(TimexType.Date, Quarter(qd.Year, QuarterOf(qd)), TimeGranularity.Quarter, mod, new DateOnly(qd.Year, (QuarterOf(qd) - 1) * 3 + 1, 1));
            case "decade":
                int dy = b.Year + 10 * k;
                return new(TimexType.Date, TimexValues.Decade(dy), TimeGranularity.Decade, mod, new DateOnly(dy / 10 * 10, 1, 1));
            case "century" or "millennium":
                int cy = b.Year + 100 * k;
                return new(TimexType.Date, (cy / 100).ToString("00", CultureInfo.InvariantCulture), TimeGranularity.Century, mod);
            default:
                int y = b.Year + k;
                return new(TimexType.Date, TimexValues.Year(y), TimeGranularity.Year, mod, new DateOnly(y, 1, 1));
        }
    }

    private static TimexResult? YearAdjective(Match m, ResolveContext c)
    {
        var adj = Squash(m.Groups["adj"].Value);
        if (c.Reference is not { } r) return new(TimexType.Date, "XXXX", TimeGranularity.Year);
        if (adj is "year-end" or "year end")
            return new(TimexType.Date, TimexValues.Year(r.Year), TimeGranularity.Year, "END", new DateOnly(r.Year, 1, 1));
        if (c.LastQuarter is { } lq) return new(TimexType.Date, Quarter(lq.Year - 1, lq.Quarter), TimeGranularity.Quarter);
        return new(TimexType.Date, TimexValues.Year(r.Year - 1), TimeGranularity.Year);
    }

    private static TimexResult? Holiday(Match m, ResolveContext c)
    {
        var name = Squash(m.Groups["hol"].Value);
        int? year = m.Groups["year"].Success ? Int(m, "year") : null;
        if (year is null && c.Reference is { } r)
        {
            var probe = HolidayDate(name, r.Year);
            var rel = m.Groups["rel"].Value.ToLowerInvariant();
            var tense = rel == "last" ? Tense.Past : rel == "next" ? Tense.Future : c.TenseAt(m.Index, m.Index + m.Length);
            year = r.Year;
            if (tense == Tense.Past && probe > r) year--;
            if (tense == Tense.Future && probe < r) year++;
        }
        if (year is null) return new(TimexType.Date, "XXXX-XX-XX", TimeGranularity.Day);
        var d = HolidayDate(name, year.Value);
        if (name.EndsWith("week", StringComparison.Ordinal)) return new(TimexType.Date, Week(d), TimeGranularity.Week, null, d);
        return new(TimexType.Date, TimexValues.Day(d), TimeGranularity.Day, null, d);
    }

    private static DateOnly HolidayDate(string name, int y)
    {
        if (name.StartsWith("christmas eve", StringComparison.Ordinal)) return new DateOnly(y, 12, 24);
        if (name.StartsWith("christmas", StringComparison.Ordinal)) return new DateOnly(y, 12, 25);
        if (name.StartsWith("new year's eve", StringComparison.Ordinal)) return new DateOnly(y, 12, 31);
        if (name.StartsWith("new year", StringComparison.Ordinal)) return new DateOnly(y, 1, 1);
        if (name.StartsWith("thanksgiving", StringComparison.Ordinal)) return NthWeekday(y, 11, DayOfWeek.Thursday, 4);
        if (name.StartsWith("easter monday", StringComparison.Ordinal)) return Easter(y).AddDays(1);
        if (name.StartsWith("easter", StringComparison.Ordinal)) return Easter(y);
        if (name.StartsWith("good friday", StringComparison.Ordinal)) return Easter(y).AddDays(-2);
        if (name.StartsWith("independence", StringComparison.Ordinal)) return new DateOnly(y, 7, 4);
        if (name.StartsWith("labor", StringComparison.Ordinal)) return NthWeekday(y, 9, DayOfWeek.Monday, 1);
        if (name.StartsWith("memorial", StringComparison.Ordinal)) return NthWeekday(y, 5, DayOfWeek.Monday, -1);
        if (name.StartsWith("halloween", StringComparison.Ordinal)) return new DateOnly(y, 10, 31);
        if (name.StartsWith("valentine", StringComparison.Ordinal)) return new DateOnly(y, 2, 14);
        if (name.StartsWith("veterans", StringComparison.Ordinal)) return new DateOnly(y, 11, 11);
        if (name.StartsWith("boxing", StringComparison.Ordinal)) return new DateOnly(y, 12, 26);
        if (name.StartsWith("mother", StringComparison.Ordinal)) return NthWeekday(y, 5, DayOfWeek.Sunday, 2);
        if (name.StartsWith("father", StringComparison.Ordinal)) return NthWeekday(y, 6, DayOfWeek.Sunday, 3);
        // US election day: the Tuesday after the first Monday of November.
        return NthWeekday(y, 11, DayOfWeek.Monday, 1).AddDays(1);
    }

    private static TimexResult? Relative(Match m, ResolveContext c)
    {
        var rel = Squash(m.Groups["rel"].Value);
        var unit = m.Groups["runit"].Value.ToLowerInvariant();
        bool hasMod = m.Groups["mod"].Success;
        if (rel == "the" && !hasMod && !m.Groups["fy"].Success) return null;
        if (rel == "the new" && unit != "year") return null;
        if (rel is "the full" or "the whole" or "the entire" && unit != "year") return null;
        // "the past week" and "the past year" read as dates in news; "the next few days" is handled as a duration.
        int offset = rel switch
        {
            "last" or "past" or "previous" or "the past" or "the last" or "the previous" => -1,
            "next" or "coming" or "following" or "the next" or "the coming" or "the following" or "the new" => 1,
            _ => 0,
        };
        bool fromAnchor = rel is "that" or "the same" or "following" or "the following" or "previous" or "the previous";
        if (unit == "day")
        {
            if (!fromAnchor && rel is not ("the next" or "next" or "the same")) return null;
            fromAnchor = true;
        }
        DateOnly? b = fromAnchor ? c.AnchorDate : c.Reference;
        if (b is null)
            return new(TimexType.Date, offset < 0 ? "PAST_REF" : offset > 0 ? "FUTURE_REF" : "PRESENT_REF", TimeGranularity.Unknown, ModOf(m));
        if (rel == "the" && c.Reference is { } rr) b = rr;
        var result = Shift(b.Value, unit, offset, ModOf(m));
        return result;
    }

    private static TimexResult? TheUnit(Match m, ResolveContext c)
    {
        var unit = m.Groups["runit"].Value.ToLowerInvariant();
        // "the year" reads as a length of time ("for the year", "during the year"); "the week(end)" and "the day" as the one in focus.
        if (unit == "year") return new(TimexType.Duration, "P1Y", TimeGranularity.Year);
        if (c.PreviousWord(m.Index) is "all" or "of" or "by" or "per" or "a") return null;
        DateOnly? b = unit == "day" ? c.AnchorDate : c.Reference;
        if (b is null) return null;
        return Shift(b.Value, unit, 0, null);
    }

    // ---- durations and sets ----

    private static TimexResult? Duration(Match m, ResolveContext c)
    {
        var unitText = m.Groups["unit"].Value;
        var unit = TimexValues.Unit(unitText);
        if (unit is null || m.Groups["long"].Value.Equals("old", StringComparison.OrdinalIgnoreCase)) return null;
        var numText = m.Groups["num"].Value.ToLowerInvariant();
        bool vague = m.Groups["vague"].Success;
        if (!vague && numText.Length == 0) return null;
        // "a second time", "three quarters of the vote", "the 1990s" are not durations.
        if (unit == "second" && numText is "a" or "an") return null;
        var after = c.Text.AsSpan(m.Index + m.Length);
        if (unit == "quarter" && NextWord(after).Equals("of", StringComparison.OrdinalIgnoreCase)) return null;
        if (c.Prefix.Pre == "the" && vague) return null;
        double? n = vague ? null : Number(numText);
        if (!vague && n is null) return null;
        if (n is { } v && m.Groups["half"].Success) n = v + 0.5;
        string value = TimexValues.Duration(n, unit);
        if (m.Groups["num3"].Success && TimexValues.Unit(m.Groups["unit3"].Value) is { } unit3 && Number(m.Groups["num3"].Value) is { } n3)
        {
            var second = TimexValues.Duration(n3, unit3);
            value = Combine(value, second);
        }
        // "The first nine months" of a year is a duration; so is "two years" as an adjective ("a two-year low").
        return new(TimexType.Duration, value, Granularity(m.Groups["unit3"].Success ? TimexValues.Unit(m.Groups["unit3"].Value) ?? unit : unit), ApproxMod(c.Prefix.Approx));
    }

    private static string Combine(string a, string b)
    {
        // P3Y + P7M = P3Y7M; PT1H + PT30M = PT1H30M; P2D + PT5H = P2DT5H.
        bool aTime = a.StartsWith("PT", StringComparison.Ordinal), bTime = b.StartsWith("PT", StringComparison.Ordinal);
        if (aTime && bTime) return a + b[2..];
        if (!aTime && bTime) return a + b[1..];
        if (!aTime && !bTime) return a + b[1..];
        return a;
    }

    private static TimexResult? VagueDuration(Match m, ResolveContext c)
    {
        var unit = TimexValues.Unit(m.Groups["unit"].Value);
        if (unit is null) return null;
        var pre = Squash(m.Groups["pre"].Value);
        if (pre is "recent" or "in recent") return new(TimexType.Date, "PAST_REF", TimeGranularity.Unknown);
        if (pre is "early" or "first" or "final") return null;
        return new(TimexType.Duration, TimexValues.Duration(null, unit), Granularity(unit));
    }

    private static TimexResult? SetRule(Match m, ResolveContext c)
    {
        if (m.Groups["set"].Success)
        {
            // "its quarterly dividend", "its first quarterly loss": in financial reports an amount for one quarter, not a recurrence
            // ("a daily rally", "his weekly address" do recur).
            if (m.Groups["set"].Value.Equals("quarterly", StringComparison.OrdinalIgnoreCase) && char.IsLetter(NextWord(c.Text.AsSpan(m.Index + m.Length)).FirstOrDefault())) return null;
            var (value, g) = m.Groups["set"].Value.ToLowerInvariant() switch
            {
                "daily" or "nightly" => ("P1D", TimeGranularity.Day),
                "weekly" => ("P1W", TimeGranularity.Week),
                "biweekly" => ("P2W", TimeGranularity.Week),
                "monthly" => ("P1M", TimeGranularity.Month),
                "quarterly" => ("P3M", TimeGranularity.Quarter),
                "hourly" => ("PT1H", TimeGranularity.Hour),
                "biannually" or "semiannually" => ("P6M", TimeGranularity.Month),
                _ => ("P1Y", TimeGranularity.Year),
            };
            return new(TimexType.Set, value, g);
        }
        if (m.Groups["wd"].Success)
            return new(TimexType.Set, $"XXXX-WXX-{IsoDay(TimexValues.Weekday(m.Groups["wd"].Value)!.Value)}", TimeGranularity.Day);
        if (m.Groups["part"].Success) return new(TimexType.Set, "XXXX-XX-XX" + PartOfDay(m.Groups["part"].Value), TimeGranularity.PartOfDay);
        if (m.Groups["season"].Success) return new(TimexType.Set, "XXXX-" + TimexValues.Season(m.Groups["season"].Value), TimeGranularity.Season);
        var unit = TimexValues.Unit(m.Groups["unit"].Value) ?? "year";
        double n = m.Groups["num"].Success ? Number(m.Groups["num"].Value) ?? 1 : 1;
        return new(TimexType.Set, TimexValues.Duration(n, unit), Granularity(unit));
    }

    private static TimexResult? Reference(Match m, ResolveContext c)
    {
        var word = Squash(m.Groups["ref"].Value);
        var value = word switch
        {
            "recently" or "lately" or "the past" or "previously" or "formerly" or "recent" => "PAST_REF",
            "soon" or "the future" or "future" or "shortly" or "the near future" or "the distant future" or "as soon as possible" or "in the near term" => "FUTURE_REF",
            _ => "PRESENT_REF",
        };
        // "current" and "future" as adjectives are time expressions only before a noun ("current account" is not).
        if (word is "current" or "future" or "recent")
        {
            var next = NextWord(c.Text.AsSpan(m.Index + m.Length)).ToLowerInvariant();
            if (next.Length == 0 || next is "account" or "accounts" or "affairs" or "events" or "contracts" or "contract" or "tense" or "generations") return null;
        }
        return new(TimexType.Date, value, TimeGranularity.Unknown);
    }

    // ---- helpers ----

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Squash(string s) => string.Join(' ', s.ToLowerInvariant().Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    private static string? ModOf(Match m)
    {
        if (!m.Groups["mod"].Success) return null;
        var mod = Squash(m.Groups["mod"].Value);
        if (mod.StartsWith("the ", StringComparison.Ordinal)) mod = mod[4..];
        if (mod.StartsWith("early", StringComparison.Ordinal) || mod.StartsWith("beginning", StringComparison.Ordinal) || mod.StartsWith("start", StringComparison.Ordinal)
            || mod.StartsWith("first", StringComparison.Ordinal)) return "START";
        if (mod.StartsWith("mid", StringComparison.Ordinal)) return "MID";
        if (mod.StartsWith("late", StringComparison.Ordinal) || mod.StartsWith("end", StringComparison.Ordinal) || mod.StartsWith("close", StringComparison.Ordinal)
            || mod.StartsWith("turn", StringComparison.Ordinal) || mod.StartsWith("second", StringComparison.Ordinal) || mod.StartsWith("last", StringComparison.Ordinal)) return "END";
        return null;
    }

    private static string? ApproxMod(string? approx)
    {
        if (approx is null) return null;
        var a = approx;
        return a switch
        {
            "more than" or "over" or "well over" => "MORE_THAN",
            "less than" or "under" or "barely" => "LESS_THAN",
            "at least" or "no less than" => "EQUAL_OR_MORE",
            "at most" or "up to" or "no more than" => "EQUAL_OR_LESS",
            "nearly" or "almost" or "close to" => "LESS_THAN",
            _ => "APPROX",
        };
    }

    // ---- patterns ----

    [GeneratedRegex(B + @"(?<year>[0-9]{4})-(?<m>[01][0-9])-(?<d>[0-3][0-9])(?:T(?<hh>[0-2][0-9]):(?<mi>[0-5][0-9])(?::[0-5][0-9])?)?" + E, Options, TimeoutMs)]
    private static partial Regex RxIso();

    [GeneratedRegex(B + @"(?<m>[01]?[0-9])/(?<d>[0-3]?[0-9])/(?<year>[0-9]{4}|[0-9]{2})" + E, Options, TimeoutMs)]
    private static partial Regex RxNumeric();

    [GeneratedRegex(B + @"(?:" + Weekday + @",?\s+(?:the\s+)?)?(?:" + Month + @"\s*" + Day + @"(?:,\s*|\s+)" + Year + "|" + Day + @"\s+(?:of\s+)?" + Month + @",?\s+" + Year + ")" + E, Options, TimeoutMs)]
    private static partial Regex RxFullDate();

    [GeneratedRegex(B + @"(?:(?<rel>last|this|next|that)\s+)?(?:" + Weekday + @",?\s+(?:the\s+)?)?(?:" + Month + @"\s*" + Day + @"|(?:the\s+)?" + Day + @"\s+(?:of\s+)?" + Month + ")(?!\\s*,?\\s*[0-9])" + E, Options, TimeoutMs)]
    private static partial Regex RxMonthDay();

    [GeneratedRegex(B + Mod + "?" + Month + @",?\s+(?:of\s+)?(?:" + Year + "|" + RelYear + ")" + E, Options, TimeoutMs)]
    private static partial Regex RxMonthYear();

    [GeneratedRegex(B + Mod + @"?(?:(?<rel>last|this|next|past|coming|that)\s+)?" + Month + E, Options, TimeoutMs)]
    private static partial Regex RxMonth();

    [GeneratedRegex("quarter|qtr", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TriggerRx1();

    [GeneratedRegex(B + @"(?:(?<pre>the|this|that)\s+(?!(?:fiscal\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)-)|(?:(?<rpre>this|last|next|the)\s+year's|(?<ypre>(?:1[6-9]|20)[0-9][0-9])'s|the\s+(?<ypre>(?:1[6-9]|20)[0-9][0-9]))\s+)?(?:(?:fiscal|calendar)\s+)?(?<q>first|second|third|fourth|1st|2nd|3rd|4th)[-\s](?:fiscal\s+)?(?:quarter|qtr\.?)(?:\s+(?:of\s+)?(?:(?:fiscal|calendar)\s+)?(?:" + Year + "|" + RelYear + "))?" + E, Options, TimeoutMs)]
    private static partial Regex RxQuarter();

    [GeneratedRegex(B + @"(?-i:Q(?<qn>[1-4]))\s+" + Year + E, Options, TimeoutMs)]
    private static partial Regex RxQuarterCode();

    [GeneratedRegex(B + @"(?:the\s+)?(?<h>first|second|1st|2nd|latter|last)[-\s]half\s+(?:of\s+)?(?:(?:fiscal|the\s+fiscal)\s+)?(?:" + Year + "|" + RelYear + "|the\\s+year)" + E, Options, TimeoutMs)]
    private static partial Regex RxHalf();

    [GeneratedRegex("quarter|period", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TriggerRx2();

    [GeneratedRegex(B + @"(?:the\s+)?(?:(?<which>latest|current|past|recent|last|previous|prior|same|year-earlier|year-ago|prior-year|comparable|year-before|this|that|year-earlier\s+third|fiscal)\s+)?(?:(?:fiscal|three-month|second|third|fourth|first)\s+)?(?<what>quarter|period)" + E, Options, TimeoutMs)]
    private static partial Regex RxQuarterRelative();

    [GeneratedRegex(B + @"the\s+" + Year + @"\s+period" + E, Options, TimeoutMs)]
    private static partial Regex RxYearPeriod();

    [GeneratedRegex(B + @"(?:last|this|next)\s+year's\s+(?<what>quarter|period)" + E, Options, TimeoutMs)]
    private static partial Regex RxYearQuarter();

    [GeneratedRegex("0s|0's|0’s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TriggerRx3();

    [GeneratedRegex(B + @"(?:the\s+)?" + Mod + @"?(?:(?<dec>(?:1[6-9]|20)[0-9]0)|['’](?<dec2>[0-9]0))['’]?s" + E, Options, TimeoutMs)]
    private static partial Regex RxDecade();

    [GeneratedRegex(B + @"the\s+(?:(?<mod>early|mid|late)[-\s]+)?(?<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)" + E, Options, TimeoutMs)]
    private static partial Regex RxDecadeWord();

    [GeneratedRegex("century", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TriggerRx4();

    [GeneratedRegex(B + @"(?:the\s+)?" + Mod + @"?(?:(?<ord>" + OrdinalPattern + @")|(?<rel>this|last|next|the\s+last|the\s+next|the\s+past|the\s+previous))[-\s]+century" + E, Options, TimeoutMs)]
    private static partial Regex RxCentury();

    [GeneratedRegex("1[6-9][0-9][0-9]|20[0-9][0-9]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TriggerRx5();

    [GeneratedRegex(B + Mod + @"?(?:(?<pre>fiscal(?:\s+year)?|calendar(?:\s+year)?|the\s+year|FY|post|pre|model\s+year)[-\s]?)?" + Year + @"(?!\s*(?:%|percent|per\s+cent|-[0-9]|–[0-9]))" + E, Options, TimeoutMs)]
    private static partial Regex RxYear();

    [GeneratedRegex(B + @"(?:the\s+year\s+)?(?<spelled>nineteen[-\s](?:" + TensPattern + @")(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|nineteen[-\s]hundred|two\s+thousand(?:\s+and\s+(?:" + OnesPattern + "))?)" + E, Options, TimeoutMs)]
    private static partial Regex RxSpelledYear();

    [GeneratedRegex("spring|summer|fall|autumn|winter", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TriggerRx6();

    [GeneratedRegex(B + Mod + @"?(?:(?<rel>this|last|next|past|coming|the|that)\s+)?(?<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?:" + Year + "|" + RelYear + @"|(?<yw>nineteen[-\s]\w+(?:[-\s]\w+)?)))?" + E, Options, TimeoutMs)]
    private static partial Regex RxSeason();

    [GeneratedRegex(B + @"(?:(?<mod>early|late|earlier|later)\s+)?(?<rd>today|tonight|yesterday|tomorrow|overnight)(?:\s+" + Part + ")?" + E, Options, TimeoutMs)]
    private static partial Regex RxDayWord();

    [GeneratedRegex(B + @"(?:the\s+)?day\s+(?<ba>before|after)\s+(?<rd>yesterday|tomorrow)" + E, Options, TimeoutMs)]
    private static partial Regex RxDayAround();

    [GeneratedRegex(B + @"(?:(?<mod>early|late|earlier|later)\s+)?(?<rel>this|last|tomorrow|yesterday)\s+" + Part + E, Options, TimeoutMs)]
    private static partial Regex RxPartOfDay();

    [GeneratedRegex(B + @"(?:(?<mod>early|late)\s+)?(?:(?<rel>last|this|next|coming|past|previous|following)\s+)?" + Weekday + @"(?:\s+" + Part + ")?" + E, Options, TimeoutMs)]
    private static partial Regex RxWeekday();

    [GeneratedRegex(B + @"(?:(?<approx>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?<h>[01]?[0-9])(?:[:.](?<mi>[0-5][0-9]))?\s*(?<ap>[ap]\.m\.?|[ap]m(?![a-z])|o'clock)(?:\s+(?<tz>(?-i:[ECMP][DS]T|GMT|UTC|BST)))?(?:(?:,?\s+(?:on\s+)?)(?:" + Weekday + @"|(?<rd>today|yesterday|tomorrow|tonight)))?" + E, Options, TimeoutMs)]
    private static partial Regex RxClock();

    [GeneratedRegex(B + @"(?<h>[01]?[0-9]|2[0-3]):(?<mi>[0-5][0-9])(?:\s+(?<tz>(?-i:[ECMP][DS]T|GMT|UTC|BST)))?(?![0-9])" + E, Options, TimeoutMs)]
    private static partial Regex RxClock24();

    [GeneratedRegex(B + @"(?<h>[01]?[0-9])(?::(?<mi>[0-5][0-9]))?\s+(?:o'clock\s+)?in\s+the\s+(?<part>morning|afternoon|evening)" + E, Options, TimeoutMs)]
    private static partial Regex RxClockWords();

    [GeneratedRegex(B + @"(?<noon>noon|midnight|midday)(?:\s+(?:on\s+)?(?:" + Weekday + @"|(?<rd>today|yesterday|tomorrow)))?" + E, Options, TimeoutMs)]
    private static partial Regex RxNoon();

    [GeneratedRegex(B + @"(?<unit>years|months|weeks|days|decades)\s+(?<dir>ago|earlier|later)" + E, Options, TimeoutMs)]
    private static partial Regex RxAgoBare();

    [GeneratedRegex(B + @"(?<adj>year-earlier|year-ago|year-before|prior-year|a-year-earlier|year-end|year\s+end)" + E, Options, TimeoutMs)]
    private static partial Regex RxYearEarlier();

    [GeneratedRegex("christmas|year's|thanksgiving|easter|day|halloween|friday", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TriggerRx7();

    [GeneratedRegex(B + @"(?:(?<rel>last|this|next)\s+)?(?<hol>Christmas(?:\s+Eve|\s+Day)?|New\s+Year's(?:\s+Day|\s+Eve)?|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday|\s+Monday|\s+week)?|Independence\s+Day|Labor\s+Day|Memorial\s+Day|Halloween|Valentine's\s+Day|Election\s+Day|Veterans\s+Day|Boxing\s+Day|Good\s+Friday|Mother's\s+Day|Father's\s+Day)(?:\s+(?:of\s+)?" + Year + ")?" + E, Options, TimeoutMs)]
    private static partial Regex RxHoliday();

    [GeneratedRegex(B + @"the\s+(?:(?<fy>fiscal|calendar)[-\s]+)?(?<runit>year|week|weekend|day)" + E, Options, TimeoutMs)]
    private static partial Regex RxTheUnit();

    [GeneratedRegex(B + Mod + @"?(?<rel>this|last|next|past|previous|coming|following|current|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous|the\s+following|the\s+current|the\s+same|that|the\s+latest|the\s+full|the\s+whole|the\s+entire|the\s+new|the)\s+(?:(?<fy>fiscal|calendar|financial|school|academic)\s+)?(?<runit>day|week|weekend|month|year|decade)" + E, Options, TimeoutMs)]
    private static partial Regex RxRelative();

    [GeneratedRegex(B + @"(?<set>daily|weekly|monthly|annually|yearly|quarterly|hourly|nightly|biweekly|biannually|semiannually)" + E, Options, TimeoutMs)]
    private static partial Regex RxSetAdverb();

    [GeneratedRegex(B + @"(?:every|each|per)\s+(?:other\s+)?(?:(?<num>[0-9]+|" + NumWord + @")\s+)?(?:" + Unit + "|" + Weekday + @"|(?<part>morning|night|evening|afternoon)|(?<season>spring|summer|fall|autumn|winter))" + E, Options, TimeoutMs)]
    private static partial Regex RxSetEvery();

    [GeneratedRegex(@"(?<=(?:[0-9]|%|\bonce|\btwice|\btimes|\bcents?|\bdollars?|\byuan|\beuros?|\bpounds?|\bcent|\bpercent|\bbarrels|\btons|\btonnes|\bmillion|\bbillion)\s+)a\s+(?<unit>year|month|week|day|hour)" + E, Options, TimeoutMs)]
    private static partial Regex RxSetRate();

    [GeneratedRegex(B + @"(?:on\s+)?(?-i:(?<wd>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays))" + E, Options, TimeoutMs)]
    private static partial Regex RxSetWeekdays();

    [GeneratedRegex(B + @"(?<num>[0-9]+(?:\.[0-9]+)?(?:\s+[0-9]/[0-9])?|[0-9]/[0-9])(?:\s*(?:to|or|-|–)\s*(?<num2>[0-9]+))?(?:\s+(?:more|additional|consecutive|straight|full|long|whole|extra|further|trading|business|working|calendar))?[-\s]+" + Unit + @"(?:\s+and\s+(?:(?<half>a\s+half)|(?<num3>[0-9]+|an?|" + SmallNum + @")\s+(?<unit3>years?|months?|weeks?|days?|hours?|minutes?)))?(?:[-\s](?<long>long|old))?" + E, Options, TimeoutMs)]
    private static partial Regex RxDurationDigits();

    [GeneratedRegex(B + @"(?<num>" + NumWord + @"(?:\s+hundred)?(?:\s+and\s+a\s+half)?|a\s+hundred|a\s+couple\s+of|couple\s+of|a\s+dozen|half\s+an?|an?(?:\s+and\s+a\s+half)?)(?:\s+(?:to|or)\s+(?<num2>" + SmallNum + @"))?(?:\s+(?:more|additional|consecutive|straight|full|long|whole|extra|further|trading|business|working|calendar))?[-\s]+" + Unit + @"(?:\s+and\s+(?:(?<half>a\s+half)|(?<num3>[0-9]+|an?|" + SmallNum + @")\s+(?<unit3>years?|months?|weeks?|days?|hours?|minutes?)))?(?:[-\s](?<long>long|old))?" + E, Options, TimeoutMs)]
    private static partial Regex RxDurationWords();

    [GeneratedRegex(B + @"" + Vague + @"(?:\s+(?:more|additional|consecutive|straight|full|long|whole|extra|further|trading|business|working|calendar))?[-\s]+" + Unit + @"(?:[-\s](?<long>long|old))?" + E, Options, TimeoutMs)]
    private static partial Regex RxDurationVague();

    [GeneratedRegex(B + @"(?:(?<pre>(?:the\s+)?(?:past|last|next|coming|recent|following|previous|subsequent|ensuing|early|final|first)(?:\s+(?:few|several))?)\s+)(?<unit>years|months|weeks|days|hours|minutes|decades|centuries|quarters)" + E, Options, TimeoutMs)]
    private static partial Regex RxVagueDuration();

    [GeneratedRegex(B + @"(?:for|over|within|take|took|takes|lasted|last)\s+(?<span>(?<unit>years|months|weeks|days|hours|decades|centuries))" + E, Options, TimeoutMs)]
    private static partial Regex RxForPlural();

    [GeneratedRegex(B + @"(?<ref>now|right\s+now|currently|nowadays|at\s+present|presently|these\s+days|the\s+present|at\s+the\s+moment|recently|lately|the\s+past|formerly|the\s+future|the\s+near\s+future|the\s+distant\s+future|current|as\s+soon\s+as\s+possible|the\s+near\s+term|the\s+short\s+term)" + E, Options, TimeoutMs)]
    private static partial Regex RxRef();
}
