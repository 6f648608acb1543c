using Storyline.Documents;
using Storyline.Time;

namespace Storyline.Stories;

/// <summary>When a document was published, as an interval (null ends are open): a stated date covers its day, month or year; an
/// estimate from the dates the text mentions is only a lower bound (an article mentioning 2019 was published in 2019 or later);
/// no date at all is unbounded.</summary>
public readonly record struct PublicationInterval(DateTimeOffset? From, DateTimeOffset? To)
{
    /// <summary>No date: compatible with any time.</summary>
    public static PublicationInterval Unknown => default;

    /// <summary>The interval a publication date stands for, to its precision.</summary>
    public static PublicationInterval Of(PublicationDate? date)
    {
        if (date is null) return Unknown;
        var from = date.Value;
        if (date.IsEstimate) return new PublicationInterval(from, null);
        var to = date.Granularity switch
        {
            TimeGranularity.Year => from.AddYears(1),
            TimeGranularity.Month => from.AddMonths(1),
            TimeGranularity.Season or TimeGranularity.Quarter => from.AddMonths(3),
            TimeGranularity.Week or TimeGranularity.Weekend => from.AddDays(7),
            _ => from.AddDays(1),
        };
        return new PublicationInterval(from, to);
    }
}

/// <summary>The time a development covers, from its members' publication intervals: the earliest start, and the latest end of a
/// stated date (estimates are lower bounds, so they never end it). Null ends are open.</summary>
public readonly record struct DevelopmentSpan(DateTimeOffset? Earliest, DateTimeOffset? Latest)
{
    /// <summary>The span with one more member.</summary>
    public DevelopmentSpan With(PublicationInterval member) => new(
        member.From is { } f && (Earliest is null || f < Earliest) ? f : Earliest,
        member.To is { } t && (Latest is null || t > Latest) ? t : Latest);

    /// <summary>Whether a document published in <paramref name="document"/> can be coverage of the same event: it is not more than
    /// <paramref name="maxGap"/> before the span's start or after its end.</summary>
    public bool Admits(PublicationInterval document, TimeSpan maxGap) =>
        !(document.To is { } to && Earliest is { } earliest && to < earliest - maxGap)
        && !(document.From is { } from && Latest is { } latest && from > latest + maxGap);
}
