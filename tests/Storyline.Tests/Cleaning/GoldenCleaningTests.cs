using System.Text.Json;
using System.Text.Json.Serialization;
using Storyline.Documents;
using Storyline.Tests.TestSupport;

namespace Storyline.Tests.Cleaning;

/// <summary>Handwritten articles (Cleaning/Golden/NAME.input.txt) cleaned by the default pipeline must give NAME.expected.json exactly.</summary>
public sealed class GoldenCleaningTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Cleaning", "Golden");

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.input.txt").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file)[..^".input.txt".Length]);
        return data;
    }

    [Fact]
    public void Cases_Folder_HasEveryInputPairedWithExpectation()
    {
        var inputs = Directory.EnumerateFiles(Folder, "*.input.txt").Select(f => Path.GetFileName(f)[..^".input.txt".Length]).Order().ToList();
        var expected = Directory.EnumerateFiles(Folder, "*.expected.json").Select(f => Path.GetFileName(f)[..^".expected.json".Length]).Order().ToList();
        inputs.Count.ShouldBeGreaterThanOrEqualTo(5);
        inputs.ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Process_GoldenArticle_MatchesExpectedCleaning(string name)
    {
        var input = File.ReadAllText(Path.Combine(Folder, name + ".input.txt"));
        var expected = JsonSerializer.Deserialize<Expected>(File.ReadAllText(Path.Combine(Folder, name + ".expected.json")), Json)!;

        var doc = Cleaner.Clean(input, name + ".txt");
        var m = doc.Metadata;

        m.Title.ShouldBe(expected.Title);
        m.Publisher.ShouldBe(expected.Publisher);
        m.Authors.ShouldBe(expected.Authors);
        m.Sections.ShouldBe(expected.Sections);
        m.Summary.ShouldBe(expected.Summary);
        m.Captions.ShouldBe(expected.Captions);
        if (expected.Published is { } published)
        {
            m.Published.ShouldNotBeNull();
            DateOnly.FromDateTime(m.Published.Value.UtcDateTime).ShouldBe(DateOnly.Parse(published, System.Globalization.CultureInfo.InvariantCulture));
            m.Published.IsEstimate.ShouldBeFalse();
        }
        var actualBlocks = doc.Blocks.Select(b => $"{b.Kind}: {b.Span.Slice(doc.Text)}").ToList();
        var expectedBlocks = expected.Blocks.Select(b => $"{b.Kind}: {b.Text}").ToList();
        actualBlocks.ShouldBe(expectedBlocks);
    }

    private sealed record Expected(
        string? Title,
        string? Publisher,
        string? Published,
        List<string> Authors,
        List<string> Sections,
        List<string> Summary,
        List<string> Captions,
        List<ExpectedBlock> Blocks);

    private sealed record ExpectedBlock(BlockKind Kind, string Text);
}
