using System.CommandLine;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Storyline.Dedup;
using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Bench;

/// <summary><c>micro</c>: BenchmarkDotNet micro-benchmarks of hot paths (run with -c Release).</summary>
public static class MicroBench
{
    public static Command Create()
    {
        var filter = new Option<string>("--filter") { Description = "BenchmarkDotNet filter", DefaultValueFactory = _ => "*" };
        var command = new Command("micro", "BenchmarkDotNet micro-benchmarks") { filter };
        command.SetAction(parse =>
        {
            BenchmarkSwitcher.FromTypes([typeof(PipelineBenchmarks)]).Run(["--filter", parse.GetValue(filter)!]);
            return 0;
        });
        return command;
    }
}

/// <summary>Cleaning pipeline and MinHash on a synthetic article.</summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private RawInput _input = null!;
    private string _text = null!;
    private readonly DocumentPipeline _pipeline = DocumentPipeline.CreateDefault();

    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 40; i++) sb.Append("Paragraph ").Append(i).Append(": officials said on Tuesday that the measures, announced in May, would be reviewed.\n\n");
        _text = sb.ToString();
        _input = new RawInput("bench.txt", null, "text/plain", Encoding.UTF8.GetBytes(_text), DateTimeOffset.UnixEpoch, InputHints.None);
    }

    [Benchmark(Baseline = true)]
    public ulong[] MinHashSignature() => MinHash.Signature(_text);

    [Benchmark]
    public ProcessedDocument CleanPlainText() => _pipeline.Process(_input);
}
