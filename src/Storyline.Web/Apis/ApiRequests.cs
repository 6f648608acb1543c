using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Storyline.Storage;

namespace Storyline.Web.Apis;

// The API's query values, bound by the framework into typed records ([AsParameters]); a value that does not parse as its type is answered
// by ErrorHandler (Problems.ForBindFailure), one that parses but is out of range by the record's Validate, both as 400 problem details.
// The [Range] and [MaxLength] attributes put the limits into the OpenAPI document; Validate keeps the answers' wording.

/// <summary>Paging of <c>GET /api/documents</c> and <c>GET /api/stories</c>.</summary>
public sealed record ListPageRequest
{
    /// <summary>Items per page, 1–1000 (default 100).</summary>
    [FromQuery(Name = "limit"), Range(1, 1000)]
    public int? Limit { get; init; }

    /// <summary>Items skipped, 0 or more (default 0).</summary>
    [FromQuery(Name = "offset"), Range(0, int.MaxValue)]
    public int? Offset { get; init; }

    /// <summary>The 400 answer for an out-of-range value; null when the request is valid.</summary>
    public BadRequestProblem? Validate() =>
        Limit is < 1 or > 1000 ? new("Invalid limit", "limit must be a whole number from 1 to 1000.")
        : Offset is < 0 ? ApiRequests.BadOffset()
        : null;

    /// <summary>This page of <paramref name="items"/>, with the whole list's length in the <c>X-Total-Count</c> header.</summary>
    public IEnumerable<T> Page<T>(IReadOnlyCollection<T> items, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers["X-Total-Count"] = items.Count.ToString(CultureInfo.InvariantCulture);
        return items.Skip(Offset ?? 0).Take(Limit ?? 100);
    }
}

/// <summary>The words and size of <c>GET /api/search</c>.</summary>
public sealed record SearchRequest
{
    /// <summary>The words to search for (required; at most 500 characters).</summary>
    [FromQuery(Name = "q"), MaxLength(SearchApi.MaxQueryLength)]
    public string? Q { get; init; }

    /// <summary>Hits returned, 1–100 (default 20).</summary>
    [FromQuery(Name = "limit"), Range(1, 100)]
    public int? Limit { get; init; }

    /// <summary>The 400 answer for a missing or too long query or an out-of-range limit; null when the request is valid.</summary>
    public BadRequestProblem? Validate() =>
        string.IsNullOrWhiteSpace(Q) ? new("Missing query", "Give the words to search for in the q parameter.")
        : ApiRequests.QueryTooLong(Q)
        ?? (Limit is < 1 or > 100 ? new("Invalid limit", "limit must be a whole number from 1 to 100.") : null);
}

/// <summary>The filters and paging of <c>GET /api/statements</c> (the search page reads the same filters: <see cref="StatementFilters"/>).</summary>
public sealed record StatementsRequest
{
    /// <summary>Words in the statement, as in search (at most 500 characters).</summary>
    [FromQuery(Name = "q"), MaxLength(SearchApi.MaxQueryLength)]
    public string? Q { get; init; }

    /// <summary>Speaker's name or entity key, any case.</summary>
    [FromQuery(Name = "speaker"), MaxLength(StatementFilters.MaxNameLength)]
    public string? Speaker { get; init; }

    /// <summary>Camp, any case.</summary>
    [FromQuery(Name = "camp"), MaxLength(StatementFilters.MaxNameLength)]
    public string? Camp { get; init; }

    /// <summary>Published on or after this day (yyyy-MM-dd, or any ISO 8601 instant). Text, not a typed date: the one user-date parser
    /// (<see cref="Storyline.Time.UserDates"/>) reads it, as for the CLI.</summary>
    [FromQuery(Name = "from")]
    public string? From { get; init; }

    /// <summary>Published on or before this day (the whole of it), as <see cref="From"/>.</summary>
    [FromQuery(Name = "to")]
    public string? To { get; init; }

    /// <summary>Only this story's statements (its id).</summary>
    [FromQuery(Name = "story"), Range(1, long.MaxValue)]
    public long? Story { get; init; }

    /// <summary>Statements returned, 1–500 (default 100).</summary>
    [FromQuery(Name = "limit"), Range(1, 500)]
    public int? Limit { get; init; }

    /// <summary>Statements skipped, 0 or more (default 0).</summary>
    [FromQuery(Name = "offset"), Range(0, int.MaxValue)]
    public int? Offset { get; init; }

    /// <summary>The store's query for the filters, or the 400 answer for the first value out of range.</summary>
    public (StatementQuery? Query, BadRequestProblem? Problem) ToQuery()
    {
        if (Limit is < 1 or > 500) return (null, new("Invalid limit", "limit must be a whole number from 1 to 500."));
        if (Offset is < 0) return (null, ApiRequests.BadOffset());
        var (query, title, detail) = StatementFilters.Parse(Q, Speaker, Camp, From, To, Story, Limit ?? 100, Offset ?? 0);
        return query is null ? (null, new BadRequestProblem(title!, detail!)) : (query, null);
    }
}

/// <summary>The story filter of <c>GET /api/speakers</c>.</summary>
public sealed record SpeakersRequest
{
    /// <summary>Only this story's speakers (its id).</summary>
    [FromQuery(Name = "story"), Range(1, long.MaxValue)]
    public long? Story { get; init; }

    /// <summary>The 400 answer for a story id that is not positive; null when the request is valid.</summary>
    public BadRequestProblem? Validate() => Story is <= 0 ? StoriesApi.BadStoryId(Story.Value.ToString(CultureInfo.InvariantCulture)) : null;
}

/// <summary>Answers shared by the request records.</summary>
internal static class ApiRequests
{
    public static BadRequestProblem BadOffset() => new("Invalid offset", "offset must be a whole number, 0 or more.");

    public static BadRequestProblem? QueryTooLong(string? q) => q is { Length: > SearchApi.MaxQueryLength }
        ? new("Query too long", $"The query is {q.Length} characters; at most {SearchApi.MaxQueryLength} are accepted.")
        : null;
}
