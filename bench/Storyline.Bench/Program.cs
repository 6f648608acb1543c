using System.CommandLine;
using Storyline.Bench;

// One executable, one subcommand per measurement; each prints its figures as one JSON object on its last line.
var root = new RootCommand("Storyline benchmarks")
{
    IngestBench.Create(),
    AnalysisBench.Create(),
    ReanalysisBench.Create(),
    EmbedBench.Create(),
    ExtractionBench.Create(),
    MicroBench.Create(),
    StoriesBench.Create(),
    StoriesIncrementalBench.Create(),
    StoriesBackgroundBench.Create(),
    NerBench.Create(),
    NerTrainBench.Create(),
    TimexBench.Create(),
    AttributionBench.Create(),
    AttributionAgreementBench.Create(),
    AttributionCostBench.Create(),
    AttributionTrainBench.Create(),
    ResolveBench.Create(),
    BriefBench.Create(),
    SummarizeBench.Create(),
    StanceTrainBench.Create(),
    StanceBench.Create(),
    ClaimsBench.Create(),
    DatesBench.Create(),
};
return await root.Parse(args).InvokeAsync();
