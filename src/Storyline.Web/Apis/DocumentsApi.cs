using Storyline.Web.Services;

namespace Storyline.Web.Apis;

/// <summary><c>GET /api/documents</c>, <c>GET /api/documents/{id}</c> and the original input download.</summary>
public static class DocumentsApi
{
    /// <summary>Maps the document endpoints.</summary>
    public static RouteGroupBuilder MapDocumentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/documents", ListAsync)
            .WithName("ListDocuments")
            .WithSummary("Stored documents, newest first")
            .WithDescription("Newest by publication date where known, else by when the document was added. `limit` (1–1000, default 100) and `offset` page through them.")
            .Produces<List<DocumentListItem>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/documents/{id}", GetAsync)
            .WithName("GetDocument")
            .WithSummary("One document: cleaned text exactly as stored, block spans into it, and metadata")
            .Produces<DocumentDetail>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/documents/{id}/original", (string id, HttpContext context, StoreFactory stores, CancellationToken ct) =>
                OriginalAsync(id, context, stores, ct))
            .WithName("GetOriginal")
            .WithSummary("The original input's bytes exactly as received, as a download (never rendered inline)")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext context, StoreFactory stores, string? limit, string? offset, CancellationToken ct)
    {
        if (!TryRange(limit, 100, 1, 1000, out var take))
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid limit", "limit must be a whole number from 1 to 1000.");
        if (!TryRange(offset, 0, 0, int.MaxValue, out var skip))
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid offset", "offset must be a whole number, 0 or more.");
        await using var store = await stores.OpenAsync(ct).ConfigureAwait(false);
        var documents = DocumentOrder.NewestFirst(await store.ListAsync(ct).ConfigureAwait(false));
        context.Response.Headers["X-Total-Count"] = documents.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(documents.Skip(skip).Take(take).Select(DocumentListItem.Of).ToList());
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, StoreFactory stores, CancellationToken ct)
    {
        if (Access.ParseId(id) is not { } documentId) return Access.BadId(id);
        await using var store = await stores.OpenAsync(ct).ConfigureAwait(false);
        var document = await store.GetAsync(documentId, ct).ConfigureAwait(false);
        return document is null ? Access.UnknownDocument(documentId) : TypedResults.Ok(DocumentDetail.Of(document));
    }

    /// <summary>Serves a document's original input as an attachment: octet-stream, nosniff and a sandbox policy, so stored HTML can never run in the app's origin.</summary>
    public static async Task<IResult> OriginalAsync(string id, HttpContext context, StoreFactory stores, CancellationToken ct)
    {
        if (Access.ParseId(id) is not { } documentId) return Access.BadId(id);
        await using var store = await stores.OpenAsync(ct).ConfigureAwait(false);
        var input = await store.GetInputAsync(documentId, ct).ConfigureAwait(false);
        if (input is null) return Access.UnknownDocument(documentId);
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        headers["X-Original-Content-Type"] = input.ContentType;
        // The file name is made here, never taken from the (untrusted) input name.
        return TypedResults.File(input.Content, "application/octet-stream", $"document-{documentId}-original{Extension(input.ContentType)}");
    }

    private static string Extension(string contentType)
    {
        var type = contentType.ToLowerInvariant();
        if (type.Contains("html")) return ".html";
        if (type.Contains("xml")) return ".xml";
        if (type.Contains("json")) return ".json";
        return type.StartsWith("text/") ? ".txt" : ".bin";
    }

    private static bool TryRange(string? value, int fallback, int min, int max, out int result)
    {
        result = fallback;
        if (string.IsNullOrEmpty(value)) return true;
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out result) && result >= min && result <= max;
    }
}
