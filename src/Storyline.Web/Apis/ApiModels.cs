using System.Text.Json;

namespace Storyline.Web.Apis;

/// <summary>What to ingest: exactly one of <c>text</c> (with optional title, source, published), <c>url</c> (a page or feed), or <c>records</c>.</summary>
public sealed record IngestRequest(string? Text, string? Title, string? Source, string? Published, string? Url, IReadOnlyList<JsonElement>? Records);
