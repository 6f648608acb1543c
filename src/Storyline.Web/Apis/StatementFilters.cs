using System.Globalization;
using Storyline.Storage;

namespace Storyline.Web.Apis;

/// <summary>Reads the statement filters shared by <c>GET /api/statements</c> and the search page: q, speaker, camp, from, to, story.</summary>
public static class StatementFilters
{
    /// <summary>Longest speaker or camp name accepted.</summary>
    public const int MaxNameLength = 200;

    /// <summary>True when any filter is given.</summary>
    public static bool Any(params string?[] values) => values.Any(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>The query for the filters (the story id already bound as a number), or the title and detail of what is wrong with them. Dates are yyyy-MM-dd (or any ISO 8601 instant);
    /// <c>to</c> takes in the whole of its day.</summary>
    public static (StatementQuery? Query, string? Title, string? Detail) Parse(string? q, string? speaker, string? camp, string? from, string? to, long? story, int limit, int offset = 0)
    {
        if (q is { Length: > SearchApi.MaxQueryLength })
            return (null, "Query too long", $"The query is {q.Length} characters; at most {SearchApi.MaxQueryLength} are accepted.");
        if (speaker is { Length: > MaxNameLength } || camp is { Length: > MaxNameLength })
            return (null, "Name too long", $"speaker and camp are at most {MaxNameLength} characters.");
        if (!TryDate(from, endOfDay: false, out var fromDate)) return (null, "Invalid date", $"from: '{Access.Shorten(from!)}' is not a date (yyyy-MM-dd).");
        if (!TryDate(to, endOfDay: true, out var toDate)) return (null, "Invalid date", $"to: '{Access.Shorten(to!)}' is not a date (yyyy-MM-dd).");
        if (fromDate is not null && toDate is not null && fromDate > toDate) return (null, "Invalid date range", "from is after to.");
        if (story is <= 0)
        {
            var (title, detail) = StoriesApi.BadStoryId(story.Value.ToString(CultureInfo.InvariantCulture)).Words;
            return (null, title, detail);
        }
        return (new StatementQuery(Blank(q), Blank(speaker), Blank(camp), fromDate, toDate, story, Limit: limit, Offset: offset), null, null);
    }

    private static bool TryDate(string? value, bool endOfDay, out DateTimeOffset? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(value)) return true;
        if (!(endOfDay ? Storyline.Time.UserDates.TryParseEnd(value, out var parsed) : Storyline.Time.UserDates.TryParse(value, out parsed))) return false;
        date = parsed;
        return true;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
