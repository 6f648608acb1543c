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
    public async Task Stories_SamplesWithTheirRealDates_UnReportIsNotInTheSanctionsDevelopmentsOfOneStory()
    {
        // The samples' publication dates, as a feed gives them (read from the articles: 000 is the 2025 visit, 004 the 2020 sanctions).
        var dates = new Dictionary<string, string> { ["000"] = "2025-08-20", ["001"] = "2020-08-27", ["002"] = "2022-09-01", ["003"] = "2023-03-24", ["004"] = "2020-07-10" };
        var records = dates.Select(d => JsonSerializer.Serialize(new { text = File.ReadAllText(SharedData.Sample(d.Key)), published = d.Value }));
        (await _cli.Run("ingest", _cli.Write("samples.jsonl", string.Join("\n", records)))).Code.ShouldBe(0);
        var stories = JsonDocument.Parse((await _cli.Run("stories", "--json")).Out).RootElement;
        stories.GetArrayLength().ShouldBe(1);
        stories[0].GetProperty("documents").GetInt32().ShouldBe(5);
        await using var store = await Storyline.Storage.Sqlite.SqliteDocumentStore.OpenAsync(_cli.Store);
        var developments = await store.GetDevelopmentsAsync(stories[0].GetProperty("id").GetInt64());
        // Documents are stored in input order: 3 is the 2022 UN report, 2 and 5 the 2020 press conference and sanctions reply.
        developments[3].ShouldNotBe(developments[5]);
        developments[3].ShouldNotBe(developments[2]);
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

public class BriefCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task Brief_SampleFolder_JsonHasAllSectionsAndCitationsIntoStoredText()
    {
        var (code, stdout, _) = await _cli.Run("brief", SharedData.Samples, "--json");
        code.ShouldBe(0);
        var root = JsonDocument.Parse(stdout).RootElement;
        var titles = root.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("title").GetString()).ToList();
        titles.ShouldContain("Executive Summary");
        titles.ShouldContain("The Story So Far");
        titles.ShouldContain("Why This Matters");
        titles.ShouldContain("Who Thinks What?");
        root.GetProperty("sections")[0].GetProperty("sentences").GetArrayLength().ShouldBe(3);
        foreach (var sentence in root.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("sentences").EnumerateArray()))
        {
            var citation = sentence.GetProperty("citations")[0];
            var id = citation.GetProperty("document").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var text = JsonDocument.Parse((await _cli.Run("show", id, "--json")).Out).RootElement.GetProperty("text").GetString()!;
            var cited = text[citation.GetProperty("start").GetInt32()..citation.GetProperty("end").GetInt32()];
            var stated = sentence.GetProperty("text").GetString()!;
            if (stated.Contains(cited.Trim(), StringComparison.Ordinal)) continue;
            // Reported after "says that", a content opening a sentence has its first word in lower case, nothing else changed.
            if (cited.Trim() is { Length: > 1 } whole && stated.Contains(" that " + char.ToLowerInvariant(whole[0]) + whole[1..], StringComparison.Ordinal)) continue;
            // A trimmed sentence (dateline, age or a bare weekday left out) states the cited sentence's words in order, nothing else.
            var statedWords = Words(stated.IndexOf(": ", StringComparison.Ordinal) is var colon and >= 0 and < 40 ? stated[(colon + 2)..] : stated);
            int k = 0;
            foreach (var word in Words(cited)) if (k < statedWords.Count && statedWords[k] == word) k++;
            k.ShouldBe(statedWords.Count, stated);
        }

        static List<string> Words(string text) => [.. new string([.. text.Select(c => char.IsLetterOrDigit(c) ? c : ' ')]).Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }

    [Fact]
    public async Task Brief_StoredAtIngest_SameOutputAsWrittenFromTheEvidence()
    {
        (await _cli.Run("ingest", SharedData.Samples)).Code.ShouldBe(0);
        _cli.Count("SELECT count(*) FROM story_briefings").ShouldBe(1);
        string[][] commands = [["brief", "--format", "json"], ["brief", "--format", "markdown"], ["brief", "--format", "html"], ["timeline", "--json"]];
        var stored = new List<(int, string, string)>();
        foreach (var command in commands) stored.Add(await _cli.Run(command));

        // Without the stored row, each command writes the briefing (and the timeline) from the stored analysis, as before ingest stored them.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_cli.Store};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM story_briefings";
            (await delete.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        for (int i = 0; i < commands.Length; i++)
        {
            var written = await _cli.Run(commands[i]);
            written.Code.ShouldBe(0);
            written.ShouldBe(stored[i], string.Join(' ', commands[i]));
        }
    }

    [Fact]
    public async Task Brief_UndatedInputs_OneWarningLineNamingThemAndHowToDate()
    {
        var (code, _, stderr) = await _cli.Run("brief", SharedData.Samples);
        code.ShouldBe(0);
        var warning = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem();
        warning.ShouldStartWith("warning: 5 input(s) state no publication date");
        warning.ShouldContain("000_bd6d2b98b64f62db.txt");
        warning.ShouldContain("--published");
        warning.ShouldContain("`published` field in JSON Lines");
    }

    [Fact]
    public async Task Brief_DatedJsonLines_NoWarningAndEveryDateShownAsGiven()
    {
        var lines = string.Join('\n', new[] { ("2020-07-10", "Sanctions"), ("2021-03-22", "Allies") }.Select((r, i) => JsonSerializer.Serialize(new
        {
            title = $"{r.Item2} on Xinjiang officials",
            text = $"{r.Item2} on Xinjiang officials\n\n" + string.Join("\n\n", Enumerable.Range(0, 3).Select(p =>
                $"Paragraph {p}: governments imposed sanctions on officials in Xinjiang over the detention of Uygurs in camps, number {i * 7 + p}.")),
            published = r.Item1,
        })));
        var (code, stdout, stderr) = await _cli.Run("brief", _cli.Write("dated.jsonl", lines), "--json");
        code.ShouldBe(0);
        stderr.ShouldBeEmpty();
        var labels = JsonDocument.Parse(stdout).RootElement.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("published_label").GetString()).ToList();
        labels.ShouldBe(["2020-07-10", "2021-03-22"], ignoreOrder: true);
    }

    [Fact]
    public async Task Brief_FormatHtml_StandalonePageWithSectionsAndNoScript()
    {
        var (code, stdout, _) = await _cli.Run("brief", SharedData.Samples, "--format", "html");
        code.ShouldBe(0);
        stdout.ShouldStartWith("<!DOCTYPE html>");
        stdout.ShouldContain("Content-Security-Policy");
        stdout.ShouldContain("<h2>Who Thinks What?</h2>");
        stdout.ShouldContain("<h2>Sources</h2>");
        stdout.ShouldNotContain("<script", Case.Insensitive);
    }

    [Fact]
    public async Task Brief_WriterLlmUnreachable_WarnsAndWritesExtractiveBriefing()
    {
        // A closed loopback port: the model fails at once and the extractive briefing is written (no network used).
        var (code, stdout, stderr) = await _cli.Run("brief", SharedData.Samples, "--writer", "llm", "--llm-provider", "ollama", "--llm-model", "m",
            "--llm-endpoint", "http://127.0.0.1:9", "--llm-timeout", "5");
        code.ShouldBe(0);
        stderr.ShouldContain("the briefing is extractive");
        stdout.ShouldContain("## Who Thinks What?");
    }

    [Fact]
    public async Task Brief_WriterLlmWithoutModel_UsageError()
    {
        var (code, _, stderr) = await _cli.Run("brief", "--writer", "llm");
        code.ShouldBe(2);
        stderr.ShouldContain("--llm-model");
    }

    [Fact]
    public async Task Brief_EmptyStore_OneErrorLine()
    {
        (await _cli.Run("ingest", _cli.Write("empty.txt", ""))).Code.ShouldBe(1);
        var (code, _, stderr) = await _cli.Run("brief");
        code.ShouldBe(1);
        stderr.Trim().ShouldBe("error: store: no stories yet: give articles to ingest");
    }

    [Fact]
    public async Task Timeline_Samples_EventsInDateOrder()
    {
        (await _cli.Run("ingest", SharedData.Samples)).Code.ShouldBe(0);
        var (code, stdout, _) = await _cli.Run("timeline", "--json");
        code.ShouldBe(0);
        var dates = JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(e => e.GetProperty("date").GetString()!).ToList();
        dates.ShouldNotBeEmpty();
        dates.ShouldBe(dates.Order(StringComparer.Ordinal).ToList());
    }

    public void Dispose()
    {
        _cli.Dispose();
        GC.SuppressFinalize(this);
    }
}

public class QuotesCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task Quotes_Samples_ContractFieldsAndNamedSpeakersWithCamps()
    {
        var (code, stdout, _) = await _cli.Run("quotes", SharedData.Samples, "--json");
        code.ShouldBe(0);
        var rows = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        rows.ShouldNotBeEmpty();
        foreach (var field in new[] { "document", "input", "document_title", "published", "speaker_key", "speaker", "speaker_role", "camp", "kind", "cue", "text", "content_start", "content_end", "source_start", "source_end" })
            rows[0].TryGetProperty(field, out _).ShouldBeTrue(field);
        var speakers = rows.Select(r => r.GetProperty("speaker").GetString()).ToHashSet();
        foreach (var name in new[] { "Zhao Lijian", "Mike Pompeo", "Shi Yinhong", "Barry Sautman", "Liu Yuyin", "Wang Yiwei", "Wang Wenbin", "Chen Weijun", "Elijan Anayit", "Mehmut Usman" })
            speakers.ShouldContain(name);
        speakers.ShouldNotContain("he");
        string Camp(string speaker) => rows.First(r => r.GetProperty("speaker").GetString() == speaker).GetProperty("camp").GetString()!;
        Camp("Mike Pompeo").ShouldBe("US government");
        Camp("Zhao Lijian").ShouldBe("Chinese government");
        Camp("Shi Yinhong").ShouldBe("Academics and analysts");
        // Offsets point into the cleaned text as `show` prints it.
        var row = rows.First(r => r.GetProperty("speaker").GetString() == "Mike Pompeo");
        var doc = JsonDocument.Parse((await _cli.Run("list", "--json")).Out).RootElement.EnumerateArray()
            .First(d => d.GetProperty("input").GetString() == row.GetProperty("input").GetString()).GetProperty("id").GetInt64();
        doc.ShouldBe(row.GetProperty("document").GetInt64());
        var text = JsonDocument.Parse((await _cli.Run("show", doc.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json")).Out).RootElement.GetProperty("text").GetString()!;
        text[row.GetProperty("source_start").GetInt32()..row.GetProperty("source_end").GetInt32()].ShouldContain("Pompeo");
    }

    [Fact]
    public async Task Speakers_Samples_ListsCampsAndCounts()
    {
        (await _cli.Run("ingest", SharedData.Samples)).Code.ShouldBe(0);
        var (code, stdout, _) = await _cli.Run("speakers", "--json");
        code.ShouldBe(0);
        var shi = JsonDocument.Parse(stdout).RootElement.EnumerateArray().First(s => s.GetProperty("speaker").GetString() == "Shi Yinhong");
        shi.GetProperty("camp").GetString().ShouldBe("Academics and analysts");
        shi.GetProperty("documents").GetInt32().ShouldBe(2);
    }

    public void Dispose()
    {
        _cli.Dispose();
        GC.SuppressFinalize(this);
    }
}
