using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storyline.Contracts;

/// <summary>The one JSON setting of the CLI's <c>--json</c> and the web API: snake_case names and enums, ISO 8601 dates, nulls written.</summary>
public static class StorylineJson
{
    /// <summary>The shared options (read-only); the API applies the same settings with <see cref="Apply"/>.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Sets the contract's settings on options a host made (ASP.NET Core's HTTP JSON options).</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.PropertyNameCaseInsensitive = true;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        // Nulls are written, so every field of a record is always there for a script or a schema to rely on.
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // Request bodies with unknown fields are refused rather than half-read.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // Text stays readable (quotes, accents, scripts other than Latin): the output is JSON served as application/json, never HTML.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    }

    /// <summary>One value as a line of JSON.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
