using Microsoft.AspNetCore.Http.HttpResults;
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
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/documents/{id}", GetAsync)
            .WithName("GetDocument")
            .WithSummary("One document: cleaned text exactly as stored, block spans into it, and metadata")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/documents/{id}/original", OriginalAsync)
            .WithName("GetOriginal")
            .WithSummary("The original input's bytes exactly as received, as a download (never rendered inline)")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<Results<Ok<List<DocumentListItem>>, BadRequestProblem>> ListAsync([AsParameters] ListPageRequest request, HttpContext context,
        StoreFactory stores, CancellationToken ct)
    {
        if (request.Validate() is { } bad) return bad;
        await using var store = await stores.OpenAsync(ct).ConfigureAwait(false);
        var documents = DocumentOrder.NewestFirst(await store.ListAsync(ct).ConfigureAwait(false));
        return TypedResults.Ok(request.Page(documents, context).Select(DocumentListItem.Of).ToList());
    }

    private static async Task<Results<Ok<DocumentDetail>, BadRequestProblem, NotFoundProblem>> GetAsync(long id, StoreFactory stores, CancellationToken ct)
    {
        if (id <= 0) return Access.BadId(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var store = await stores.OpenAsync(ct).ConfigureAwait(false);
        var document = await store.GetAsync(id, ct).ConfigureAwait(false);
        return document is null ? Access.UnknownDocument(id) : TypedResults.Ok(DocumentDetail.Of(document));
    }

    /// <summary>Serves a document's original input as an attachment: octet-stream, nosniff and a sandbox policy, so stored HTML can never run in the app's origin.</summary>
    public static async Task<Results<FileContentHttpResult, BadRequestProblem, NotFoundProblem>> OriginalAsync(long id, HttpContext context, StoreFactory stores, CancellationToken ct)
    {
        if (id <= 0) return Access.BadId(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var store = await stores.OpenAsync(ct).ConfigureAwait(false);
        var input = await store.GetInputAsync(id, ct).ConfigureAwait(false);
        if (input is null) return Access.UnknownDocument(id);
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        headers["X-Original-Content-Type"] = input.ContentType;
        // The file name is made here, never taken from the (untrusted) input name.
        return TypedResults.File(input.Content, "application/octet-stream", $"document-{id}-original{Extension(input.ContentType)}");
    }

    private static string Extension(string contentType)
    {
        var type = contentType.ToLowerInvariant();
        if (type.Contains("html")) return ".html";
        if (type.Contains("xml")) return ".xml";
        if (type.Contains("json")) return ".json";
        return type.StartsWith("text/") ? ".txt" : ".bin";
    }
}
