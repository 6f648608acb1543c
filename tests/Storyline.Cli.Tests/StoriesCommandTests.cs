using System.Text.Json;
using Storyline.Tests.TestSupport;

namespace Storyline.Cli.Tests;

public class StoriesCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task Stories_SampleCoverageOverYears_IsOneStoryWithSeveralDevelopments()
    {
        (await _cli.Run("ingest", SharedData.Samples)).Code.ShouldBe(0);
        var (code, stdout, _) = await _cli.Run("stories", "--json");
        code.ShouldBe(0);
        var stories = JsonDocument.Parse(stdout).RootElement;
        stories.GetArrayLength().ShouldBe(1);
        stories[0].GetProperty("documents").GetInt32().ShouldBe(5);
    }

    [Fact]
    public async Task Stories_TwoUnrelatedSubjects_AreTwoStories()
    {
        for (int i = 0; i < 3; i++)
        {
            _cli.Write($"meteor{i}.txt", $"Meteorite report {i}\n\nA meteorite crashed near the airport in Managua, Nicaragua, leaving a crater {10 + i} feet deep, officials in Nicaragua said. Residents of Managua reported a loud boom and astronomers studied the Nicaragua crater.");
            _cli.Write($"cotton{i}.txt", $"Cotton tariffs {i}\n\nCotton exporters in Uzbekistan warned that new tariffs on Uzbek cotton would cut shipments by {20 + i} per cent, the Tashkent trade ministry said. Uzbekistan cotton growers urged talks on the tariffs.");
        }
        (await _cli.Run("ingest", Path.Combine(_cli.Folder, "in"))).Code.ShouldBe(0);
        var stories = JsonDocument.Parse((await _cli.Run("stories", "--json")).Out).RootElement;
        stories.GetArrayLength().ShouldBe(2);
        stories.EnumerateArray().Select(s => s.GetProperty("documents").GetInt32()).ShouldAllBe(n => n == 3);
    }

    public void Dispose()
    {
        _cli.Dispose();
        GC.SuppressFinalize(this);
    }
}
