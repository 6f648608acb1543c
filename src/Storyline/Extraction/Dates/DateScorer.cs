using Storyline.Time;

namespace Storyline.Extraction.Dates;

/// <summary>Weights for <see cref="DateScorer"/>: how far each origin, role and place of a candidate is trusted, and how agreement and contradiction count.</summary>
internal sealed record DateScorerOptions
{
    /// <summary>Trust in each origin, highest for structured data.</summary>
    public IReadOnlyDictionary<DateOrigin, double> Trust { get; init; } = new Dictionary<DateOrigin, double>
    {
        [DateOrigin.JsonLd] = 10, [DateOrigin.Meta] = 9, [DateOrigin.Microdata] = 8, [DateOrigin.Url] = 8, [DateOrigin.ScriptJson] = 6,
        [DateOrigin.TimeElement] = 6, [DateOrigin.Markup] = 5, [DateOrigin.NearTitle] = 4, [DateOrigin.PageText] = 1,
    };

    /// <summary>A stated publication date counts fully; an unlabelled one less; an update date hardly (it is still a date of the page).</summary>
    public IReadOnlyDictionary<DateRole, double> RoleWeight { get; init; } = new Dictionary<DateRole, double>
    {
        [DateRole.Published] = 1, [DateRole.Unknown] = 0.6, [DateRole.Modified] = 0.15,
    };

    /// <summary>Dates in comments, related-article lists and footers belong to other things.</summary>
    public IReadOnlyDictionary<DatePlace, double> PlaceWeight { get; init; } = new Dictionary<DatePlace, double>
    {
        [DatePlace.Main] = 1, [DatePlace.Footer] = 0.3, [DatePlace.Related] = 0.1, [DatePlace.Comment] = 0.1,
    };

    /// <summary>How much each later date of the same origin loses (the first dateline is the article's; later ones are listings).</summary>
    public double OrderDecay { get; init; } = 0.15;

    /// <summary>The share of another origin's weight a day gains when that origin names the same day.</summary>
    public double Agreement { get; init; } = 0.3;

    /// <summary>The factor for a time stated in UTC within <see cref="UtcHours"/> of midnight when the page shows the neighbouring day: the page's local day is that one.</summary>
    public double UtcNearMidnight { get; init; } = 0.3;

    /// <summary>How close to midnight (hours) a UTC time must be for its local day to be in doubt.</summary>
    public int UtcHours { get; init; } = 5;

    /// <summary>The factor for a date later than the page's stated update date or its copyright year: a page is not published after it was last changed.</summary>
    public double LaterThanEvidence { get; init; } = 0.2;
}

/// <summary>The day chosen as a page's publication date, with the candidate that states it best and its score.</summary>
internal sealed record DateChoice(DateCandidate Candidate, double Score)
{
    /// <summary>The value to store: the stated instant when its local day is the chosen day (offset kept), else the day at midnight UTC.</summary>
    public DateTimeOffset Published => DateOnly.FromDateTime(Candidate.Value.DateTime) == Candidate.Day ? Candidate.Value : DateText.Midnight(Candidate.Day);

    /// <summary>The provenance in the codebase's terms: a date only mentioned in the text is an estimate.</summary>
    public Documents.DateSource Source => Candidate.Origin switch
    {
        DateOrigin.Url => Documents.DateSource.Url,
        DateOrigin.Markup or DateOrigin.NearTitle => Documents.DateSource.Byline,
        DateOrigin.PageText => Documents.DateSource.TextEstimate,
        _ => Documents.DateSource.Metadata,
    };
}

/// <summary>Weighs every candidate (origin, role, place, order, agreement, contradiction by the page's other evidence) and chooses the publication day.</summary>
internal sealed class DateScorer(DateScorerOptions options)
{
    private static readonly DateOrigin[] Structured = [DateOrigin.JsonLd, DateOrigin.Meta, DateOrigin.Microdata, DateOrigin.ScriptJson];

    /// <summary>The best-supported day, or null when no candidate names a full day.</summary>
    /// <param name="candidates">Every candidate of the page.</param>
    /// <param name="today">Later dates are plans or errors.</param>
    /// <param name="offset">The publisher's usual UTC offset, when its country is known.</param>
    public DateChoice? Choose(IReadOnlyList<DateCandidate> candidates, DateOnly today, TimeSpan? offset = null)
    {
        var days = candidates.Where(c => c.Granularity == TimeGranularity.Day).ToList();
        var shown = days.Where(c => c.Place == DatePlace.Main && c.Role != DateRole.Modified && !c.Utc && !Structured.Contains(c.Origin)).Select(c => c.Day).ToHashSet();
        // A time stated in UTC is moved to the publisher's day when its country is known, unless the page shows the UTC day or a different one itself.
        if (offset is { } o)
            days = [.. days.Select(c => c.Utc && !shown.Contains(c.Day) && PublisherClock.LocalDay(c.Value, o) is var local && local != c.Day && (shown.Count == 0 || shown.Contains(local))
                ? c with { Day = local, Utc = false, Evidence = $"{c.Evidence} (UTC, on the publisher's clock)" } : c)];
        days = [.. days.Where(c => c.Day <= today.AddDays(1))];
        if (days.Count == 0) return null;
        // Upper bounds: the latest stated update and the copyright year; a publication date after them is a listed or planned date.
        DateOnly? modified = days.Where(c => c.Role == DateRole.Modified && c.Place == DatePlace.Main && Structured.Contains(c.Origin)).Select(c => (DateOnly?)c.Day).Max();
        int? copyright = candidates.Where(c => c.Granularity == TimeGranularity.Year).Select(c => (int?)c.Day.Year).Max();
        var months = candidates.Where(c => c.Granularity == TimeGranularity.Month).Select(c => (c.Day.Year, c.Day.Month)).ToHashSet();

        // Days the page shows in its own words or address say which local day a UTC time near midnight fell on.
        var weighted = days.Select(c => (Candidate: c, Weight: Weight(c, modified, copyright) * (LocalDayInDoubt(c, shown) ? options.UtcNearMidnight : 1))).ToList();
        DateChoice? best = null;
        foreach (var group in weighted.GroupBy(w => w.Candidate.Day))
        {
            var perOrigin = group.GroupBy(w => w.Candidate.Origin).Select(g => g.MaxBy(w => w.Weight)).OrderByDescending(w => w.Weight).ToList();
            double score = perOrigin[0].Weight + options.Agreement * perOrigin.Skip(1).Sum(w => w.Weight);
            if (months.Contains((group.Key.Year, group.Key.Month))) score += options.Agreement * options.Trust[DateOrigin.Url];
            // On a tie the earlier day wins: a page is published before it is updated.
            if (best is null || score > best.Score + 1e-9 || (Math.Abs(score - best.Score) <= 1e-9 && group.Key < best.Candidate.Day))
                best = new DateChoice(perOrigin[0].Candidate, score);
        }
        return best;
    }

    private bool LocalDayInDoubt(DateCandidate c, HashSet<DateOnly> shown)
    {
        if (!c.Utc || shown.Contains(c.Day)) return false;
        var hour = c.Value.UtcDateTime.TimeOfDay.TotalHours;
        // Late evening UTC is the next day east of Greenwich; the small hours are the day before in the Americas.
        return (hour >= 24 - options.UtcHours && shown.Contains(c.Day.AddDays(1))) || (hour < options.UtcHours && shown.Contains(c.Day.AddDays(-1)));
    }

    private double Weight(DateCandidate c, DateOnly? modified, int? copyright)
    {
        double w = options.Trust[c.Origin] * options.RoleWeight[c.Role] * options.PlaceWeight[c.Place];
        if (c.Origin is DateOrigin.TimeElement or DateOrigin.Markup or DateOrigin.NearTitle or DateOrigin.PageText) w /= 1 + options.OrderDecay * c.Order;
        if (c.Role != DateRole.Modified && ((modified is { } m && c.Day > m.AddDays(1)) || (copyright is { } y && c.Day.Year > y))) w *= options.LaterThanEvidence;
        return w;
    }
}
