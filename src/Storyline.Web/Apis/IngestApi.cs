using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Storyline.Ingestion;
using Storyline.Web.Services;

namespace Storyline.Web.Apis;

/// <summary><c>POST /api/ingest</c>: pasted text, a URL or feed, or JSON records, through the CLI's ingestion path.</summary>
public static class IngestApi
{
    /// <summary>Maps the ingest endpoint.</summary>
    public static RouteGroupBuilder MapIngestApi(this RouteGroupBuilder api)
    {
        api.MapPost("/ingest", IngestAsync)
            .WithName("Ingest")
            .WithSummary("Ingest text, a URL (page or RSS/Atom feed) or JSON records; needs the API key")
            .WithDescription("The body holds exactly one of `text` (with optional `title`, `source`, `published`), `url`, or `records` " +
                "(objects `{url?, title?, text|html, source?, published?}` as in a .jsonl file). Answers per-input results: a bad input is reported and the rest still go in. " +
                "URLs on loopback, link-local and private addresses are refused unless the operator allowed them.")
            .Accepts<IngestRequest>("application/json")
            .RequireAuthorization(AccessPolicies.Write)
            .RequireRateLimiting(RateLimits.Writes)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    private static async Task<Results<Ok<IngestResponse>, BadRequestProblem, TooLargeProblem, UnsupportedMediaTypeProblem>> IngestAsync(HttpContext context, IngestService ingest, IOptions<WebOptions> options, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var max = options.Value.MaxRequestBytes;
        if (!context.Request.HasJsonContentType())
            return new UnsupportedMediaTypeProblem("JSON expected", "Send the request body as application/json.");
        var body = await ReadCappedAsync(context.Request, max, ct).ConfigureAwait(false);
        if (body is null) return TooLarge(max);

        IngestRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<IngestRequest>(body, json.Value.SerializerOptions);
        }
        catch (JsonException e)
        {
            var detail = e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"Unknown property {e.Path}; the body takes text, title, source, published, url or records."
                : $"The body is not valid JSON of the expected shape (at {e.Path ?? "$"}, line {(e.LineNumber ?? 0) + 1}).";
            return new BadRequestProblem("Malformed JSON", detail);
        }
        if (request is null) return BadInput("The body must be a JSON object.");

        var given = (request.Text is not null ? 1 : 0) + (request.Url is not null ? 1 : 0) + (request.Records is not null ? 1 : 0);
        if (given != 1) return BadInput("Give exactly one of text, url or records.");
        if (request.Text is null && (request.Title ?? request.Source ?? request.Published) is not null)
            return BadInput("title, source and published go with text; records carry their own.");

        IReadOnlyList<IngestResult> results;
        if (request.Text is not null)
        {
            if (string.IsNullOrWhiteSpace(request.Text)) return BadInput("text is empty.");
            if (!IngestService.TryParsePublished(request.Published, out var published))
                return BadInput($"published is not a date: {Access.Shorten(request.Published!)}");
            results = await ingest.IngestTextAsync(request.Text, request.Title, request.Source, published, ct).ConfigureAwait(false);
        }
        else if (request.Url is not null)
        {
            if (!IngestService.IsHttpUrl(request.Url)) return BadInput("url must be an absolute http or https URL.");
            results = await ingest.IngestUrlAsync(request.Url, ct).ConfigureAwait(false);
        }
        else
        {
            var records = request.Records!;
            if (records.Count == 0) return BadInput("records is empty.");
            if (records.Count > options.Value.MaxInputsPerRequest)
                return BadInput($"{records.Count} records; one request takes at most {options.Value.MaxInputsPerRequest}.");
            results = await ingest.IngestRecordsAsync(records, ct).ConfigureAwait(false);
        }
        return TypedResults.Ok(new IngestResponse([.. results.Select(IngestResultView.Of)], IngestSummary.Of(results)));
    }

    private static BadRequestProblem BadInput(string detail) => new("Invalid ingest request", detail);

    /// <summary>The 413 answer.</summary>
    public static TooLargeProblem TooLarge(long max) => new("Request too large", TooLargeDetail(max));

    /// <summary>The 413 answer's detail, for the endpoint's own cap and the server's (see <see cref="Services.ErrorHandler"/>) alike.</summary>
    public static string TooLargeDetail(long max) => $"The request body is over the {max:N0}-byte limit.";

    /// <summary>Reads the body, or returns null as soon as it passes <paramref name="max"/> bytes (chunked bodies carry no length to check up front).</summary>
    private static async Task<byte[]?> ReadCappedAsync(HttpRequest request, long max, CancellationToken ct)
    {
        if (request.ContentLength > max) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        // On Kestrel its own limit (the same figure) may trip first on a chunked body: the exception handler answers that 413.
        while ((read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
