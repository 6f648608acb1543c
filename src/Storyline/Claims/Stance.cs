namespace Storyline.Claims;

/// <summary>What a statement does with a claim.</summary>
public enum Stance
{
    /// <summary>The statement is about something else.</summary>
    Unrelated,

    /// <summary>States the claim as true (FNC-1 "agree").</summary>
    Asserts,

    /// <summary>Says the claim is false (FNC-1 "disagree").</summary>
    Denies,

    /// <summary>Reports the claim without taking a side (FNC-1 "discuss").</summary>
    Reports,

    /// <summary>Casts doubt on the claim or asks whether it holds without denying it (a rule over the model: FNC-1 has no such label and counts it as "discuss").</summary>
    Questions,
}

/// <summary>A stance with the model's probabilities: <see cref="Related"/> from the first stage, the rest given that the pair is related.</summary>
public sealed record StancePrediction(Stance Stance, float Related, float Asserts, float Denies, float Reports)
{
    /// <summary>The FNC-1 label of a stance (agree, disagree, discuss or unrelated; questions count as discuss).</summary>
    public static string ToFnc(Stance stance) => stance switch
    {
        Stance.Unrelated => "unrelated",
        Stance.Asserts => "agree",
        Stance.Denies => "disagree",
        _ => "discuss",
    };

    /// <summary>The stance of an FNC-1 label; null for anything else.</summary>
    public static Stance? FromFnc(string label) => label.Trim().ToLowerInvariant() switch
    {
        "unrelated" => Stance.Unrelated,
        "agree" => Stance.Asserts,
        "disagree" => Stance.Denies,
        "discuss" => Stance.Reports,
        _ => null,
    };
}
