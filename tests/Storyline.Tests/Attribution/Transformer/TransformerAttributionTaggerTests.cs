using System.Runtime.InteropServices;
using Storyline.Attribution;
using Storyline.Attribution.Transformer;
using Storyline.Text;

namespace Storyline.Tests.Attribution.Transformer;

/// <summary>The tagger on a made-up tagger file (no trained model): the package's model with one layer matrix and one bias written
/// back through the file, and a random head. What it tags is meaningless; that it runs end to end and its output is well formed is not.</summary>
public sealed class TransformerAttributionTaggerTests : IClassFixture<TransformerAttributionTaggerTests.MadeUpTagger>
{
    private static readonly TextAnalyzer Analyzer = new();
    private const string Text = "The governor said on Tuesday that the harbour would reopen in spring. “We are not done,” officials told reporters. Hi.";

    private readonly MadeUpTagger _fixture;

    public TransformerAttributionTaggerTests(MadeUpTagger fixture) => _fixture = fixture;

    public sealed class MadeUpTagger : IDisposable
    {
        public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("storyline-tagger-").FullName;
        public byte[] File { get; }
        public TransformerAttributionTagger Tagger { get; }

        public MadeUpTagger()
        {
            var graph = TransformerAttributionTagger.ReadPackageModel().Graph;
            var last = TransformerAttributionTagger.LayerMatrices(graph)[^1];
            var matrix = graph.Initializer.Single(i => i.Name == last);
            float[] values = matrix.FloatData.Count > 0 ? [.. matrix.FloatData] : MemoryMarshal.Cast<byte, float>(matrix.RawData.Span).ToArray();
            File = TransformerTaggerFileTests.Write([
                (last, [(int)matrix.Dims[0], (int)matrix.Dims[1]], values, true),
                ("encoder.layer.5.output.dense.bias", [384], TransformerTaggerFileTests.Random(384, 4, 0.01f), false),
                (TransformerTaggerFile.HeadWeight, [384, 7], TransformerTaggerFileTests.Random(384 * 7, 5, 0.5f), false),
                (TransformerTaggerFile.HeadBias, [7], [1f, 0, 0, 0, 0, 0.5f, 0.5f], false),
            ]);
            Tagger = new TransformerAttributionTagger(File, "made-up.bin", new TransformerTaggerOptions(BatchSize: 2), Directory);
        }

        public void Dispose()
        {
            Tagger.Dispose();
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private static AttributionTokens Tokens(string text)
    {
        var analysis = Analyzer.Analyze(text);
        return new AttributionTokens(text, analysis, []);
    }

    [Fact]
    public void Tag_MadeUpTagger_OneWellFormedTagPerToken()
    {
        var doc = Tokens(Text);
        var tags = _fixture.Tagger.Tag(doc, CancellationToken.None);
        tags.Length.ShouldBe(doc.Analysis.Sentences.Count);
        for (int s = 0; s < tags.Length; s++)
        {
            tags[s].Length.ShouldBe(doc.Analysis.Sentences[s].TokenCount);
            for (int t = 0; t < tags[s].Length; t++)
            {
                tags[s][t].ShouldBeInRange(0, 6);
                // An I- tag follows a tag of its role.
                if (tags[s][t] is 2 or 4 or 6) (t > 0 && tags[s][t - 1] > 0 && (tags[s][t - 1] - 1) / 2 == (tags[s][t] - 1) / 2).ShouldBeTrue();
            }
        }
        tags.SelectMany(t => t).ShouldContain(t => t != 0); // the random head tags something
    }

    [Fact]
    public void Extract_MadeUpTagger_SpansInsideTheTextAndOneSentence()
    {
        var analysis = Analyzer.Analyze(Text);
        var found = _fixture.Tagger.Extract(Text, analysis, [], CancellationToken.None);
        var hybrid = new TaggedAttributionExtractor(new AttributionExtractor(), _fixture.Tagger) { TaggerFirst = true }.Extract(Text, analysis, [], CancellationToken.None);
        hybrid.ShouldNotBeEmpty(); // the rules find the governor's statement at least
        foreach (var a in found.Concat(hybrid))
        {
            a.Content.Parts.ShouldNotBeEmpty();
            foreach (var span in a.Content.Parts.Append(a.Cue ?? a.Content.Span).Append(a.Source ?? a.Content.Span))
            {
                span.Start.ShouldBeGreaterThanOrEqualTo(0);
                span.End.ShouldBeLessThanOrEqualTo(Text.Length);
                span.Length.ShouldBeGreaterThan(0);
            }
        }
        foreach (var a in found) analysis.SentenceAt(a.Content.Span.Start).ShouldBe(analysis.SentenceAt(a.Content.Span.End - 1));
    }

    [Fact]
    public void Score_BatchOfOneOrMany_MostlySameBestTags()
    {
        // The int8 model quantizes each call's activations with one scale, so batching moves the scores a little (the random head
        // amplifies that), but not which tag is best.
        using var single = new TransformerAttributionTagger(_fixture.File, "made-up.bin", new TransformerTaggerOptions(BatchSize: 1), _fixture.Directory);
        var doc = Tokens(Text);
        var one = single.Score(doc, CancellationToken.None).SelectMany(s => s).ToList();
        var many = _fixture.Tagger.Score(doc, CancellationToken.None).SelectMany(s => s).ToList();
        static int Best(float[] row) => Array.IndexOf(row, row.Max());
        one.Zip(many, (a, b) => Best(a) == Best(b)).Count(x => x).ShouldBeGreaterThanOrEqualTo(one.Count * 9 / 10);
        _fixture.Tagger.Score(doc, CancellationToken.None).SelectMany(s => s).ShouldBe(many); // the same document gives the same scores
    }

    [Fact]
    public void Extract_LongSentence_CutIntoChunksAndFullyTagged()
    {
        var text = "Officials said " + string.Join(" ", Enumerable.Range(0, 150).Select(i => $"word{i}")) + ".";
        var doc = Tokens(text);
        var tags = _fixture.Tagger.Tag(doc, CancellationToken.None);
        tags.Sum(t => t.Length).ShouldBe(doc.Analysis.Tokens.Count);
    }

    [Fact]
    public void Create_TransformerFromPath_HybridFindsWhatTheTaggerAndRulesFind()
    {
        // What ingest selects through StatementStageOptions(Tagger: Transformer, Transformer: new(path)).
        var path = Path.Combine(_fixture.Directory, "selected-tagger.bin");
        File.WriteAllBytes(path, _fixture.File);
        var analysis = Analyzer.Analyze(Text);
        var created = TaggedAttributionExtractor.Create(AttributionTaggerKind.Transformer, new TransformerTaggerOptions(path, BatchSize: 2, CacheQuantizedModel: false));
        var direct = new TaggedAttributionExtractor(new AttributionExtractor(), _fixture.Tagger) { TaggerFirst = true };
        static string Describe(Storyline.Attribution.Attribution a) => $"{a.Source?.Slice(Text)}|{a.Cue?.Slice(Text)}|{string.Join("|", a.Content.Parts.Select(p => p.Slice(Text)))}";
        var expected = direct.Extract(Text, analysis, [], CancellationToken.None).Select(Describe).ToList();
        expected.ShouldNotBeEmpty();
        created.Extract(Text, analysis, [], CancellationToken.None).Select(Describe).ShouldBe(expected);
        TaggedAttributionExtractor.Create(AttributionTaggerKind.Linear).ShouldBeOfType(TaggedAttributionExtractor.CreateDefault().GetType());
    }

    [Fact]
    public void Shared_FileMissingAtFirst_LoadedOnceItIsThere()
    {
        var path = Path.Combine(_fixture.Directory, "late-tagger.bin");
        var options = new TransformerTaggerOptions(path, CacheQuantizedModel: false);
        Should.Throw<FileNotFoundException>(() => TransformerAttributionTagger.Shared(options));
        File.WriteAllBytes(path, _fixture.File);
        TransformerAttributionTagger.Shared(options).ShouldBeSameAs(TransformerAttributionTagger.Shared(options));
    }

    [Fact]
    public void Tag_FromSeveralThreads_SameTagsAsAlone()
    {
        var doc = Tokens(Text);
        var alone = _fixture.Tagger.Tag(doc, CancellationToken.None);
        var results = new int[8][][];
        Parallel.For(0, results.Length, i => results[i] = _fixture.Tagger.Tag(Tokens(Text), CancellationToken.None));
        foreach (var tags in results) tags.ShouldBe(alone);
    }

    [Fact]
    public void Extract_CancelledToken_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Should.Throw<OperationCanceledException>(() => _fixture.Tagger.Extract(Text, Analyzer.Analyze(Text), [], cancelled.Token));
    }

    [Fact]
    public void Load_TruncatedFile_ThrowsNamingTheFile()
    {
        var path = Path.Combine(_fixture.Directory, "truncated-tagger.bin");
        File.WriteAllBytes(path, _fixture.File[..(_fixture.File.Length / 3)]);
        Should.Throw<InvalidDataException>(() => TransformerAttributionTagger.Load(new TransformerTaggerOptions(path, CacheQuantizedModel: false)))
            .Message.ShouldStartWith(path + ": ");
    }

    [Fact]
    public void Load_TensorTheModelLacks_ThrowsNamingTheFileAndTensor()
    {
        var bytes = TransformerTaggerFileTests.Write([
            ("encoder.layer.9.output.dense.bias", [384], new float[384], false),
            (TransformerTaggerFile.HeadWeight, [384, 7], new float[384 * 7], false),
            (TransformerTaggerFile.HeadBias, [7], new float[7], false),
        ]);
        Should.Throw<InvalidDataException>(() => new TransformerAttributionTagger(bytes, "odd.bin", new TransformerTaggerOptions(CacheQuantizedModel: false)))
            .Message.ShouldBe("odd.bin: encoder.layer.9.output.dense.bias is not a float initializer of the package's model");
    }

    [Fact]
    public void Load_OtherTagCount_Throws()
    {
        var bytes = TransformerTaggerFileTests.Write([
            (TransformerTaggerFile.HeadWeight, [384, 3], new float[384 * 3], false),
            (TransformerTaggerFile.HeadBias, [3], new float[3], false),
        ], tags: 3);
        Should.Throw<InvalidDataException>(() => new TransformerAttributionTagger(bytes, "three.bin", new TransformerTaggerOptions(CacheQuantizedModel: false)))
            .Message.ShouldContain("three.bin: the tagger scores 3 tags");
    }
}
