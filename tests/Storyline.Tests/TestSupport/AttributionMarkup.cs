using System.Text;
using System.Text.RegularExpressions;
using Storyline.Attribution;
using Storyline.Documents;
using Storyline.Entities;
using Storyline.Text;
using Storyline.Training;

namespace Storyline.Tests.TestSupport;

/// <summary>Training examples written inline: "[S1 The governor] [C1 said] [T1 the harbour would reopen]." marks attribution 1's
/// source (S), cue (C) and content (T); the markup is removed from the text.</summary>
public static partial class AttributionMarkup
{
    private static readonly TextAnalyzer Analyzer = new();

    /// <summary>The plain text of <paramref name="marked"/> and its gold attributions, in order of their numbers.</summary>
    public static (string Text, List<GoldAttribution> Gold) Parse(string marked)
    {
        var text = new StringBuilder();
        var spans = new SortedDictionary<int, (List<TextSpan> S, List<TextSpan> C, List<TextSpan> T)>();
        int last = 0;
        foreach (Match m in Mark().Matches(marked))
        {
            text.Append(marked, last, m.Index - last);
            int id = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (!spans.TryGetValue(id, out var a)) spans[id] = a = ([], [], []);
            var span = new TextSpan(text.Length, m.Groups[3].Length);
            (m.Groups[1].Value switch { "S" => a.S, "C" => a.C, _ => a.T }).Add(span);
            text.Append(m.Groups[3].Value);
            last = m.Index + m.Length;
        }
        text.Append(marked, last, marked.Length - last);
        return (text.ToString(), [.. spans.Values.Select(a => new GoldAttribution(a.S, a.C, a.T))]);
    }

    /// <summary>An analysed example (no entities, so the NER model does not sway the tests).</summary>
    public static AttributionExample Example(string marked)
    {
        var (text, gold) = Parse(marked);
        return new AttributionExample(text, Analyzer.Analyze(text), [], gold);
    }

    /// <summary>Short attribution texts written for the tests, with a few sentences that attribute nothing.</summary>
    public static readonly string[] TrainingTexts =
    [
        "[S1 The governor] [C1 said] [T1 the harbour would reopen in spring].",
        "[S1 Officials] [C1 said] [T1 the road was closed].",
        "[T1 The talks will resume next week], [S1 sources] [C1 said].",
        "[S1 The mayor] [C1 said] [T1 the library would stay open].",
        "The weather was cold and the streets were empty.",
        "[S1 Farmers] [C1 said] [T1 the rain came too late].",
        "[T1 “We will not back down,”] [S1 the union leader] [C1 said].",
        "Prices rose again in March.",
        "[S1 The minister] [C1 said] [T1 taxes would fall next year].",
        "[S1 Teachers] [C1 said] [T1 the school needed more money]. The market was busy on Saturday.",
        "[T1 The bridge is safe], [S1 engineers] [C1 said].",
        "The train left the station at noon.",
    ];

    private static readonly Lazy<AttributionTagger> Tiny = new(() => AttributionTaggerTrainer.Train(
        [.. TrainingTexts.Select(Example)], null,
        new AttributionTrainingOptions { MaxEpochs = 10, MinFeatureCount = 1, PruneBelow = 0 }));

    /// <summary>A tagger trained on <see cref="TrainingTexts"/> only: small, fast and independent of the shipped model.</summary>
    public static AttributionTagger TinyTagger => Tiny.Value;

    [GeneratedRegex(@"\[([SCT])(\d+) ([^\]]*)\]")]
    private static partial Regex Mark();
}
