using Storyline.Language.Embeddings;

namespace Storyline.Tests.Language;

public sealed class QuantizedModelCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("storyline-model-cache-").FullName;
    private int _builds;

    private byte[] Build()
    {
        _builds++;
        return [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))];
    }

    private static readonly string Name = QuantizedModelCache.FileName(Guid.Parse("11111111-1111-1111-1111-111111111111"), Guid.Parse("22222222-2222-2222-2222-222222222222"));

    [Fact]
    public void GetOrBuild_SecondProcess_ReadsTheFileWithoutBuilding()
    {
        var first = QuantizedModelCache.GetOrBuild(_dir, Name, Build);
        var second = QuantizedModelCache.GetOrBuild(_dir, Name, Build);
        _builds.ShouldBe(1);
        second.ShouldBe(first);
        Directory.GetFiles(_dir).Select(Path.GetFileName).ShouldBe([Name]); // no temporary file left
    }

    [Fact]
    public void GetOrBuild_DamagedOrTruncatedFile_BuiltAgainAndRewritten()
    {
        var model = QuantizedModelCache.GetOrBuild(_dir, Name, Build);
        var path = Path.Combine(_dir, Name);
        var bytes = File.ReadAllBytes(path);
        bytes[100] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        QuantizedModelCache.GetOrBuild(_dir, Name, Build).ShouldBe(model);
        _builds.ShouldBe(2);
        File.WriteAllBytes(path, bytes[..1000]);
        QuantizedModelCache.GetOrBuild(_dir, Name, Build).ShouldBe(model);
        _builds.ShouldBe(3);
        QuantizedModelCache.GetOrBuild(_dir, Name, Build).ShouldBe(model);
        _builds.ShouldBe(3); // mended
    }

    [Fact]
    public void GetOrBuild_OtherBuildsFiles_Removed_OtherFilesKept()
    {
        var other = QuantizedModelCache.FileName(Guid.NewGuid(), Guid.NewGuid());
        File.WriteAllBytes(Path.Combine(_dir, other), [1, 2, 3]);
        File.WriteAllBytes(Path.Combine(_dir, "notes.txt"), [1]);
        QuantizedModelCache.GetOrBuild(_dir, Name, Build);
        Directory.GetFiles(_dir).Select(Path.GetFileName).Order().ShouldBe([Name, "notes.txt"]);
    }

    [Fact]
    public void GetOrBuild_TwoKindsOfModel_NeitherRemovesTheOthersFile()
    {
        var tagger = QuantizedModelCache.FileName("attribution-tagger-int8-", [1, 2, 3]);
        var otherTagger = QuantizedModelCache.FileName("attribution-tagger-int8-", [4, 5, 6]);
        QuantizedModelCache.GetOrBuild(_dir, Name, Build);
        QuantizedModelCache.GetOrBuild(_dir, tagger, Build);
        Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe([Name, tagger]);
        // A new tagger file replaces the old tagger's model, and still leaves the embedder's alone.
        QuantizedModelCache.GetOrBuild(_dir, otherTagger, Build);
        Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe([Name, otherTagger]);
        QuantizedModelCache.GetOrBuild(_dir, QuantizedModelCache.FileName(Guid.NewGuid(), Guid.NewGuid()), Build);
        Directory.GetFiles(_dir).Select(Path.GetFileName).ShouldContain(otherTagger);
    }

    [Fact]
    public void GetOrBuild_FolderCannotBeMade_ModelBuiltAllTheSame()
    {
        var blocked = Path.Combine(_dir, "file");
        File.WriteAllBytes(blocked, [0]);
        QuantizedModelCache.GetOrBuild(Path.Combine(blocked, "cache"), Name, Build).Length.ShouldBe(5000);
        QuantizedModelCache.GetOrBuild(null, Name, Build).Length.ShouldBe(5000);
        _builds.ShouldBe(2);
    }

    [Fact]
    public void QuantizedMiniLm_FromTheCache_SameVectorsAsQuantizedInProcess()
    {
        string[] texts = ["Beijing denies that Uyghur workers are forced to work in factories.", "The club signed a striker."];
        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1 };
        using var uncached = new QuantizedMiniLm(options);
        using var writing = new QuantizedMiniLm(options, _dir);
        using var reading = new QuantizedMiniLm(options, _dir);
        Directory.GetFiles(_dir, "*.onnx").Length.ShouldBe(1);
        var expected = uncached.Encode(texts, default);
        writing.Encode(texts, default).ShouldBe(expected);
        reading.Encode(texts, default).ShouldBe(expected);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
