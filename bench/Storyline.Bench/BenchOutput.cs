using System.Text.Json;
using System.Text.Json.Serialization;

namespace Storyline.Bench;

/// <summary>Writes a benchmark's figures as one JSON object on the last line of output.</summary>
public static class BenchOutput
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Prints <paramref name="figures"/> as one JSON line.</summary>
    public static void Write(object figures) => Console.WriteLine(JsonSerializer.Serialize(figures, Options));

    /// <summary>Rounds for display.</summary>
    public static double R(double value, int digits = 4) => Math.Round(value, digits);
}
