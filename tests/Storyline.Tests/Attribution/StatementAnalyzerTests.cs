using Storyline.Attribution;
using Storyline.Entities;
using Storyline.Tests.TestSupport;

namespace Storyline.Tests.Attribution;

public class StatementAnalyzerTests
{
    private const string Other = "Cotton prices rose sharply\n\nTraders said prices would rise again next year, according to the Cotton Association.";

    private readonly MemoryStore _store = new();

    private StatementAnalyzer Analyzer() => new(_store, _store, _store);

    [Fact]
    public async Task AnalyzePendingAsync_NewDocuments_StoresStatementsOfAFreshExtractionAndTheEntities()
    {
        var a = _store.Add(StatementExtractorTests.Article);
        var b = _store.Add(Other, "b.txt");
        (await Analyzer().AnalyzePendingAsync()).ShouldBe(2);
        var stored = (await _store.GetStatementsAsync(a.Id)).ShouldNotBeNull();
        StatementExtractorTests.Json(stored).ShouldBe(StatementExtractorTests.Json(new StatementExtractor().Extract(a)));
        (await _store.GetStatementsAsync(b.Id)).ShouldNotBeNull();
        (await _store.GetEntitiesAsync(a.Id)).ShouldNotBeNull().Recognized.ShouldNotBeNull();
        (await _store.ListDocumentsNeedingStatementsAsync(StatementAnalyzer.Version)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnalyzePendingAsync_SecondRun_AnalysesNothing()
    {
        _store.Add(StatementExtractorTests.Article);
        await Analyzer().AnalyzePendingAsync();
        var saves = (_store.EntitySaves, _store.StatementSaves);
        (await Analyzer().AnalyzePendingAsync()).ShouldBe(0);
        (_store.EntitySaves, _store.StatementSaves).ShouldBe(saves);
    }

    [Fact]
    public async Task AnalyzePendingAsync_CurrentStoredEntities_ReadsThemInsteadOfResolvingAgain()
    {
        var a = _store.Add(StatementExtractorTests.Article);
        var entities = (await new EntityAnalyzer(_store, _store).AnalyzeAsync(a.Id))!;
        var zhao = entities.Entities.Single(e => e.Name == "Zhao Lijian");
        await _store.SaveEntitiesAsync(a.Id, new DocumentEntities([.. entities.Entities.Select(e => e == zhao ? e with { Name = "Zhao (as stored)" } : e)],
            entities.Mentions, entities.Recognized), EntityResolver.Version);
        var saves = _store.EntitySaves;
        await Analyzer().AnalyzePendingAsync();
        _store.EntitySaves.ShouldBe(saves);
        (await _store.GetStatementsAsync(a.Id))!.ShouldContain(s => s.Speaker == "Zhao (as stored)");
    }

    [Fact]
    public async Task AnalyzePendingAsync_OutdatedEntities_ResolvesThemAgainAndRedoesStatements()
    {
        var a = _store.Add(StatementExtractorTests.Article);
        await Analyzer().AnalyzePendingAsync();
        await _store.SaveEntitiesAsync(a.Id, DocumentEntities.Empty, EntityResolver.Version - 1);
        (await Analyzer().AnalyzePendingAsync()).ShouldBe(1);
        (await _store.ListDocumentsNeedingEntitiesAsync(EntityResolver.Version)).ShouldBeEmpty();
        (await _store.GetStatementsAsync(a.Id))!.ShouldContain(s => s.Speaker == "Zhao Lijian");
    }

    [Fact]
    public async Task AnalyzePendingAsync_OlderStatementVersion_AnalysesAgain()
    {
        var a = _store.Add(StatementExtractorTests.Article);
        await _store.SaveStatementsAsync(a.Id, [], StatementAnalyzer.Version - 1);
        (await Analyzer().AnalyzePendingAsync()).ShouldBe(1);
        (await _store.GetStatementsAsync(a.Id))!.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task AnalyzePendingAsync_GivenIds_AnalysesOnlyThoseThatNeedIt()
    {
        var a = _store.Add(StatementExtractorTests.Article);
        var b = _store.Add(Other, "b.txt");
        (await Analyzer().AnalyzePendingAsync([b.Id])).ShouldBe(1);
        (await _store.GetStatementsAsync(a.Id)).ShouldBeNull();
        (await Analyzer().AnalyzePendingAsync([a.Id, b.Id])).ShouldBe(1);
        (await _store.GetStatementsAsync(a.Id)).ShouldNotBeNull();
    }

    [Fact]
    public async Task AnalyzeAllAsync_AnalysedDocuments_AnalysesEveryOneAgain()
    {
        _store.Add(StatementExtractorTests.Article);
        _store.Add(Other, "b.txt");
        await Analyzer().AnalyzePendingAsync();
        var saves = _store.StatementSaves;
        (await Analyzer().AnalyzeAllAsync()).ShouldBe(2);
        _store.StatementSaves.ShouldBe(saves + 2);
    }
}
