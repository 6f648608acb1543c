using System.Globalization;
using System.Runtime.CompilerServices;
using Storyline.Attribution;
using Storyline.Entities;
using Storyline.Text;
using Storyline.Time;

namespace Storyline.Tests.Specs;

/// <summary>
/// Runs every example of the spec files beside this class (time.md, entities.md, attribution.md) through its stage and compares the
/// output with the example's expect block. The files document what each stage does; to accept a deliberate change of behaviour, run
/// these tests with STORYLINE_UPDATE_SPECS=1, which rewrites the expect blocks in the source files, and review the diff.
/// </summary>
public class SpecTests
{
    private static readonly TextAnalyzer Analyzer = new();
    private static readonly NamedEntityRecognizer Recognizer = new();
    private static readonly TimeExpressionRecognizer TimeRecognizer = new();
    private static readonly EntityResolver Resolver = new();
    private static readonly AttributionExtractor Extractor = new();
    // "extractor: pipeline" examples run the default pipeline (rules, tagger and the final ContentEdges step) instead of the rules alone.
    private static readonly IAttributionExtractor Pipeline = TaggedAttributionExtractor.CreateDefault();

    private static readonly string[] Files = ["time.md", "entities.md", "attribution.md"];

    /// <summary>Every example as (spec file, example name).</summary>
    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Files)
            foreach (var example in SpecFile.Read(Path.Combine(AppContext.BaseDirectory, "Specs", file)))
                data.Add(file, example.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Run_SpecExample_MatchesExpected(string file, string name)
    {
        var example = SpecFile.Read(Path.Combine(AppContext.BaseDirectory, "Specs", file)).Single(e => e.Name == name);
        var actual = file switch
        {
            "time.md" => Time(example),
            "entities.md" => Entities(example),
            "attribution.md" => Attributions(example),
            _ => throw new InvalidOperationException(file),
        };
        if (Environment.GetEnvironmentVariable("STORYLINE_UPDATE_SPECS") == "1")
        {
            SpecFile.WriteExpected(Path.Combine(SourceFolder(), file), name, actual);
            return;
        }
        string.Join("\n", actual).ShouldBe(string.Join("\n", example.Expected), $"{file} / {name}");
    }

    // One line per expression: its text, type and value, its modifier when it has one, and the rule that decided it.
    private static List<string> Time(SpecExample example)
    {
        DateOnly? reference = example.Options.TryGetValue("reference", out var r) && r != "none"
            ? DateOnly.ParseExact(r, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
        var rules = new List<string>();
        var found = TimeRecognizer.Recognize(example.Input, reference, rules, CancellationToken.None);
        return [.. found.Select((t, i) => $"{t.Text} | {t.Type} | {t.Value}" + (t.Mod is null ? "" : $" | {t.Mod}") + $" ← {rules[i]}")];
    }

    // One line per mention (its text, entity key, kind and role), then one per entity with roles or affiliations.
    private static List<string> Entities(SpecExample example)
    {
        var text = example.Input;
        var analysis = Analyzer.Analyze(text);
        var result = Resolver.Resolve(text, analysis, Recognizer.Recognize(text, analysis), "doc");
        var lines = result.Mentions.Select(m => $"{m.Span.Slice(text)} → {m.EntityKey} ({m.Kind})" + (m.Role is null ? "" : $" role: {m.Role}")).ToList();
        foreach (var e in result.Entities.Where(e => e.Roles.Count > 0 || e.Affiliations.Count > 0))
            lines.Add($"{e.Key}: roles [{string.Join("; ", e.Roles)}] affiliations [{string.Join("; ", e.Affiliations)}]");
        return lines;
    }

    // One line per attribution: kind, [source], [cue] and content (parts joined by " | "), with its parent when nested.
    private static List<string> Attributions(SpecExample example)
    {
        var text = example.Input;
        var analysis = Analyzer.Analyze(text);
        var extractor = example.Options.TryGetValue("extractor", out var which) && which == "pipeline" ? Pipeline : Extractor;
        var found = extractor.Extract(text, analysis, Recognizer.Recognize(text, analysis), CancellationToken.None);
        return [.. found.Select((a, i) => $"{i}: {a.Kind}{(a.IsQuestion ? " question" : "")} [{a.Source?.Slice(text)}] [{a.Cue?.Slice(text)}] "
            + string.Join(" | ", a.Content.Parts.Select(p => p.Slice(text))) + (a.Parent is { } p ? $" (in {p})" : ""))];
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
