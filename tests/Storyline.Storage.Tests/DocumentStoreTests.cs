using System.Text;
using Storyline.Documents;
using Storyline.Entities;
using Storyline.Ingestion;
using Storyline.Pipeline;
using Storyline.Storage;

namespace Storyline.Storage.Tests;

/// <summary>The store contract, run against every provider (Dapper's TestBase&lt;TProvider&gt; pattern).</summary>
public abstract class DocumentStoreTests<TProvider> : IDisposable where TProvider : IStoreProvider, new()
{
    private readonly string _location = Directory.CreateTempSubdirectory("storyline-store-").FullName;
    private readonly TProvider _provider = new();
    private readonly DocumentPipeline _pipeline = DocumentPipeline.CreateDefault();

    private static readonly string Article = string.Join("\n\n",
        "Officials in the region announced new trade measures on Tuesday after months of talks with neighbouring states.",
        "The measures include tariffs on steel and cotton, which analysts said would hit exporters hardest in the coming year.",
        "A spokesman for the ministry said the government remained open to dialogue and would review the policy in the spring.",
        "Critics argued that the decision had been rushed and that small businesses had not been consulted before it was made.");

    private NewDocument Make(string text, string name = "a.txt")
    {
        var input = new RawInput(name, null, "text/plain", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch, InputHints.None);
        return Ingestor.Prepare(input, _pipeline.Process(input));
    }

    [Fact]
    public async Task AddAsync_NewDocument_IsStoredWithTextAndInput()
    {
        await using var store = await _provider.OpenAsync(_location);
        var result = await store.AddAsync(Make(Article), 0.7);
        result.Outcome.ShouldBe(AddOutcome.Added);
        var doc = await store.GetAsync(result.DocumentId);
        doc.ShouldNotBeNull();
        doc.Content.Text.ShouldContain("tariffs on steel and cotton");
        doc.Content.Blocks.Count.ShouldBe(4);
        (await store.GetInputAsync(result.DocumentId))!.Content.ShouldBe(Encoding.UTF8.GetBytes(Article));
    }

    [Fact]
    public async Task AddAsync_SameInputTwice_SecondIsExactDuplicate()
    {
        await using var store = await _provider.OpenAsync(_location);
        var first = await store.AddAsync(Make(Article), 0.7);
        var second = await store.AddAsync(Make(Article, "b.txt"), 0.7);
        second.Outcome.ShouldBe(AddOutcome.ExactDuplicate);
        second.OriginalId.ShouldBe(first.DocumentId);
        (await store.CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task AddAsync_SameTextWithOtherFurniture_IsExactDuplicateByCleanedText()
    {
        await using var store = await _provider.OpenAsync(_location);
        await store.AddAsync(Make(Article), 0.7);
        var withAds = await store.AddAsync(Make("Advertisement\n" + Article + "\nAdd a comment"), 0.7);
        withAds.Outcome.ShouldBe(AddOutcome.ExactDuplicate);
    }

    [Fact]
    public async Task AddAsync_SyndicatedCopyWithSmallEdits_IsLinkedAsNearDuplicate()
    {
        await using var store = await _provider.OpenAsync(_location);
        var first = await store.AddAsync(Make(Article), 0.7);
        var edited = Article.Replace("on Tuesday", "on Tuesday, state media reported", StringComparison.Ordinal);
        var copy = await store.AddAsync(Make(edited, "copy.txt"), 0.7);
        copy.Outcome.ShouldBe(AddOutcome.NearDuplicate);
        copy.OriginalId.ShouldBe(first.DocumentId);
        (await store.GetAsync(copy.DocumentId))!.DuplicateOf.ShouldBe(first.DocumentId);
    }

    [Fact]
    public async Task AddAsync_DifferentArticle_IsNotADuplicate()
    {
        await using var store = await _provider.OpenAsync(_location);
        await store.AddAsync(Make(Article), 0.7);
        var other = await store.AddAsync(Make("The football club confirmed the signing of a new striker from a rival team for an undisclosed fee on Monday evening.\n\nFans gathered outside the stadium to welcome the player, who said he was proud to join."), 0.7);
        other.Outcome.ShouldBe(AddOutcome.Added);
    }

    [Fact]
    public async Task SearchAsync_MatchingWords_ReturnsRankedHitsWithHighlights()
    {
        await using var store = await _provider.OpenAsync(_location);
        var a = await store.AddAsync(Make(Article), 0.7);
        await store.AddAsync(Make("Cotton prices rose sharply.\n\nTraders in the market expected further gains as the harvest came in below forecasts for the third year."), 0.7);
        var hits = await store.SearchAsync("tariffs cotton", 10);
        hits.Count.ShouldBe(1);
        hits[0].DocumentId.ShouldBe(a.DocumentId);
        hits[0].Snippet.ShouldContain("\u0002tariffs\u0003");
        (await store.SearchAsync("cotton", 10)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task SearchAsync_QueryWithFtsSyntax_DoesNotThrow()
    {
        await using var store = await _provider.OpenAsync(_location);
        await store.AddAsync(Make(Article), 0.7);
        (await store.SearchAsync("NEAR( \"unbalanced * OR -", 10)).ShouldNotBeNull();
        (await store.SearchAsync("", 10)).ShouldBeEmpty();
    }

    [Fact]
    public async Task UpdateContentAsync_NewCleanedText_ReplacesTextAndIndexKeepsInput()
    {
        await using var store = await _provider.OpenAsync(_location);
        var added = await store.AddAsync(Make(Article), 0.7);
        var replacement = Make("Completely different words about orchards and apples growing in the valley this autumn.");
        await store.UpdateContentAsync(added.DocumentId, replacement.Content, replacement.TextHash, replacement.Signature);
        (await store.GetAsync(added.DocumentId))!.Content.Text.ShouldContain("orchards");
        (await store.SearchAsync("orchards", 5)).Single().DocumentId.ShouldBe(added.DocumentId);
        (await store.SearchAsync("tariffs", 5)).ShouldBeEmpty();
        (await store.GetInputAsync(added.DocumentId))!.Content.ShouldBe(Encoding.UTF8.GetBytes(Article));
    }

    [Fact]
    public async Task OpenAsync_Reopened_KeepsDocuments()
    {
        long id;
        await using (var store = await _provider.OpenAsync(_location))
            id = (await store.AddAsync(Make(Article), 0.7)).DocumentId;
        await using var reopened = await _provider.OpenAsync(_location);
        (await reopened.GetAsync(id))!.Content.Text.ShouldContain("tariffs");
        (await reopened.ListAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task AssignStoryAsync_NewThenExisting_GroupsDocumentsAndListsStory()
    {
        await using var store = await _provider.OpenAsync(_location);
        var stories = (IStoryStore)store;
        var a = await store.AddAsync(Make(Article), 0.7);
        var b = await store.AddAsync(Make("Cotton prices rose sharply.\n\nTraders in the market expected further gains as the harvest came in below forecasts for the third year."), 0.7);
        var story = await stories.AssignStoryAsync(a.DocumentId, null, a.DocumentId, 0, "Trade measures");
        (await stories.AssignStoryAsync(b.DocumentId, story, b.DocumentId, 0.5, "ignored")).ShouldBe(story);
        var info = (await stories.ListStoriesAsync()).Single();
        info.Id.ShouldBe(story);
        info.Title.ShouldBe("Trade measures");
        info.Documents.ShouldBe(2);
        (await stories.GetStoryDocumentIdsAsync(story)).ShouldBe([a.DocumentId, b.DocumentId]);
        (await stories.GetDevelopmentsAsync(story))[b.DocumentId].ShouldBe(b.DocumentId);
        (await stories.ReadStoryIndexAsync()).ShouldAllBe(e => e.StoryId == story);
        await stories.SetStoryTitleAsync(story, "Renamed");
        (await stories.GetStoryAsync(story))!.Title.ShouldBe("Renamed");
        (await stories.GetStoryAsync(story + 100)).ShouldBeNull();
    }

    private static DocumentEntities Analysis(string role, params (string Key, string Name, int Start)[] mentions) => new(
        [.. mentions.DistinctBy(m => m.Key).Select(m => new ResolvedEntity(m.Key, m.Name, EntityTypes.Person, [role], ["Ministry of Trade"], ["Spokesman"]))],
        [.. mentions.Select(m => new EntityMention(new TextSpan(m.Start, 5), m.Key, MentionKind.Name, role))]);

    [Fact]
    public async Task SaveEntitiesAsync_ThenGet_RoundTripsEntitiesAndMentions()
    {
        await using var store = await _provider.OpenAsync(_location);
        var entities = (IEntityStore)store;
        var doc = await store.AddAsync(Make(Article), 0.7);
        (await entities.GetEntitiesAsync(doc.DocumentId)).ShouldBeNull();
        (await entities.ListDocumentsNeedingEntitiesAsync(1)).ShouldBe([doc.DocumentId]);
        await entities.SaveEntitiesAsync(doc.DocumentId, Analysis("trade spokesman", ("person:li wei", "Li Wei", 10), ("person:li wei", "Li Wei", 40)), 1);
        var stored = (await entities.GetEntitiesAsync(doc.DocumentId)).ShouldNotBeNull();
        stored.Mentions.Count.ShouldBe(2);
        stored.Mentions[1].ShouldBe(new EntityMention(new TextSpan(40, 5), "person:li wei", MentionKind.Name, "trade spokesman"));
        stored.Get("person:li wei")!.Roles.ShouldBe(["trade spokesman"]);
        stored.Resolve(new TextSpan(38, 10))!.Name.ShouldBe("Li Wei");
        (await entities.ListDocumentsNeedingEntitiesAsync(1)).ShouldBeEmpty();
        (await entities.ListDocumentsNeedingEntitiesAsync(2)).ShouldBe([doc.DocumentId]);
    }

    [Fact]
    public async Task SaveEntitiesAsync_Again_ReplacesThePreviousAnalysis()
    {
        await using var store = await _provider.OpenAsync(_location);
        var entities = (IEntityStore)store;
        var doc = await store.AddAsync(Make(Article), 0.7);
        await entities.SaveEntitiesAsync(doc.DocumentId, Analysis("old role", ("person:li wei", "Li Wei", 10)), 1);
        await entities.SaveEntitiesAsync(doc.DocumentId, Analysis("new role", ("person:zhang min", "Zhang Min", 20)), 1);
        var stored = (await entities.GetEntitiesAsync(doc.DocumentId))!;
        stored.Mentions.ShouldHaveSingleItem().EntityKey.ShouldBe("person:zhang min");
        var all = await entities.ListEntitiesAsync(EntityTypes.Person);
        all.ShouldHaveSingleItem().Entity.Roles.ShouldBe(["new role"]);
    }

    [Fact]
    public async Task ListEntitiesAsync_SameKeyInTwoDocuments_MergesRolesAndCounts()
    {
        await using var store = await _provider.OpenAsync(_location);
        var entities = (IEntityStore)store;
        var a = await store.AddAsync(Make(Article), 0.7);
        var b = await store.AddAsync(Make("Cotton prices rose sharply.\n\nTraders in the market expected further gains as the harvest came in below forecasts for the third year."), 0.7);
        await entities.SaveEntitiesAsync(a.DocumentId, Analysis("spokesman", ("person:li wei", "Li Wei", 10), ("person:li wei", "Li Wei", 30)), 1);
        await entities.SaveEntitiesAsync(b.DocumentId, Analysis("trade ministry spokesman", ("person:li wei", "Li Wei", 5)), 1);
        var li = (await entities.ListEntitiesAsync()).ShouldHaveSingleItem();
        li.Mentions.ShouldBe(3);
        li.Documents.ShouldBe(2);
        li.Entity.Roles.ShouldBe(["trade ministry spokesman"]);
        li.Entity.Affiliations.ShouldBe(["Ministry of Trade"]);
        li.Entity.Aliases.ShouldBe(["Spokesman"]);
        (await entities.ListEntitiesAsync(EntityTypes.Organisation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task UpdateContentAsync_AnalysedDocument_NeedsEntitiesAgain()
    {
        await using var store = await _provider.OpenAsync(_location);
        var entities = (IEntityStore)store;
        var added = await store.AddAsync(Make(Article), 0.7);
        await entities.SaveEntitiesAsync(added.DocumentId, Analysis("spokesman", ("person:li wei", "Li Wei", 10)), 1);
        var replacement = Make("Completely different words about orchards and apples growing in the valley this autumn.");
        await store.UpdateContentAsync(added.DocumentId, replacement.Content, replacement.TextHash, replacement.Signature);
        (await entities.ListDocumentsNeedingEntitiesAsync(1)).ShouldBe([added.DocumentId]);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_location, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}

/// <summary>The store contract on SQLite.</summary>
public sealed class SqliteDocumentStoreTests : DocumentStoreTests<SqliteProvider>;
