using Storyline.Claims;
using Storyline.Pipeline.Analysis;
using System.Text;
using System.Text.Json;
using Storyline.Attribution;
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

    private NewDocument Make(string text, string name = "a.txt", DateTimeOffset? published = null)
    {
        var input = new RawInput(name, null, "text/plain", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch, new InputHints(Published: published));
        return Ingestor.Prepare(input, _pipeline.Process(input));
    }

    [SkippableFact]
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

    [SkippableFact]
    public async Task GetManyAsync_IdsInAnyOrder_SameAsOneByOneInThatOrder_UnknownLeftOut()
    {
        await using var store = await _provider.OpenAsync(_location);
        var ids = new List<long>();
        for (int i = 0; i < 3; i++) ids.Add((await store.AddAsync(Make($"Document {i} of the batch.\n\n" + Article.Replace("Tuesday", $"day {i}"), $"{i}.txt"), 0.99)).DocumentId);
        long[] wanted = [ids[2], 99_999, ids[0], ids[1]];
        var many = await store.GetManyAsync(wanted);
        many.Select(d => d.Id).ShouldBe([ids[2], ids[0], ids[1]]);
        for (int i = 0; i < many.Count; i++)
        {
            var one = (await store.GetAsync(many[i].Id)).ShouldNotBeNull();
            many[i].Content.Text.ShouldBe(one.Content.Text);
            many[i].Content.Blocks.ShouldBe(one.Content.Blocks);
            many[i].InputName.ShouldBe(one.InputName);
            many[i].IngestedAt.ShouldBe(one.IngestedAt);
        }
        (await store.GetManyAsync([])).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task AddAsync_SameInputTwice_SecondIsExactDuplicate()
    {
        await using var store = await _provider.OpenAsync(_location);
        var first = await store.AddAsync(Make(Article), 0.7);
        var second = await store.AddAsync(Make(Article, "b.txt"), 0.7);
        second.Outcome.ShouldBe(AddOutcome.ExactDuplicate);
        second.OriginalId.ShouldBe(first.DocumentId);
        (await store.CountAsync()).ShouldBe(1);
    }

    [SkippableFact]
    public async Task AddAsync_SameTextWithOtherFurniture_IsExactDuplicateByCleanedText()
    {
        await using var store = await _provider.OpenAsync(_location);
        await store.AddAsync(Make(Article), 0.7);
        var withAds = await store.AddAsync(Make("Advertisement\n" + Article + "\nAdd a comment"), 0.7);
        withAds.Outcome.ShouldBe(AddOutcome.ExactDuplicate);
    }

    [SkippableFact]
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

    [SkippableFact]
    public async Task AddAsync_DifferentArticle_IsNotADuplicate()
    {
        await using var store = await _provider.OpenAsync(_location);
        await store.AddAsync(Make(Article), 0.7);
        var other = await store.AddAsync(Make("The football club confirmed the signing of a new striker from a rival team for an undisclosed fee on Monday evening.\n\nFans gathered outside the stadium to welcome the player, who said he was proud to join."), 0.7);
        other.Outcome.ShouldBe(AddOutcome.Added);
    }

    [SkippableFact]
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

    [SkippableFact]
    public async Task SearchAsync_WordsInsidePunctuation_FoundAndHighlightedInTheTextAsWritten()
    {
        await using var store = await _provider.OpenAsync(_location);
        var text = "Health officials said cases of COVID-19 rose again in the U.S. this week, after months in which the number of new infections had fallen.\n\n"
            + Article;
        var id = (await store.AddAsync(Make(text), 0.7)).DocumentId;
        var hits = await store.SearchAsync("19", 10);
        hits.Select(h => h.DocumentId).ShouldBe([id]);
        hits[0].Snippet.ShouldContain("COVID-\u000219\u0003");
        (await store.SearchAsync("\"U S\"", 10)).Single().Snippet.ShouldContain("\u0002U.S\u0003.");
        // The match sits inside the text: the snippet is a fragment, cut with "…" where words go on.
        (await store.SearchAsync("spokesman", 10)).Single().Snippet.ShouldStartWith("…");
    }

    [SkippableFact]
    public async Task SearchAsync_QueryWithFtsSyntax_DoesNotThrow()
    {
        await using var store = await _provider.OpenAsync(_location);
        await store.AddAsync(Make(Article), 0.7);
        (await store.SearchAsync("NEAR( \"unbalanced * OR -", 10)).ShouldNotBeNull();
        (await store.SearchAsync("", 10)).ShouldBeEmpty();
    }

    [SkippableFact]
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

    [SkippableFact]
    public async Task OpenAsync_Reopened_KeepsDocuments()
    {
        long id;
        await using (var store = await _provider.OpenAsync(_location))
            id = (await store.AddAsync(Make(Article), 0.7)).DocumentId;
        await using var reopened = await _provider.OpenAsync(_location);
        (await reopened.GetAsync(id))!.Content.Text.ShouldContain("tariffs");
        (await reopened.ListAsync()).Count.ShouldBe(1);
    }

    [SkippableFact]
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

    [SkippableFact]
    public async Task ListStoriesAsync_EstimatedDate_RangeEndsCarryPrecisionAndEstimate()
    {
        await using var store = await _provider.OpenAsync(_location);
        var stories = (IStoryStore)store;
        var dated = await store.AddAsync(Make(Article, "a.txt", new DateTimeOffset(2020, 7, 10, 0, 0, 0, TimeSpan.Zero)), 0.7);
        var undated = await store.AddAsync(Make("Cotton exports fell again.\n\nTraders said the measures announced in 2023 had cut sales to buyers abroad by a third, and expected no recovery before the harvest.", "b.txt"), 0.7);
        var story = await stories.AssignStoryAsync(dated.DocumentId, null, dated.DocumentId, 0, "Trade");
        await stories.AssignStoryAsync(undated.DocumentId, story, undated.DocumentId, 0, "Trade");
        var info = (await stories.GetStoryAsync(story))!;
        info.First.ShouldNotBeNull().IsEstimate.ShouldBeFalse();
        info.Last.ShouldNotBeNull().IsEstimate.ShouldBeTrue();
        info.RangeLabel.ShouldBe("2020-07-10 – 2023 or later");
        (await stories.ListStoriesAsync()).Single().RangeLabel.ShouldBe(info.RangeLabel);
    }

    private static DocumentEntities Analysis(string role, params (string Key, string Name, int Start)[] mentions) => new(
        [.. mentions.DistinctBy(m => m.Key).Select(m => new ResolvedEntity(m.Key, m.Name, EntityTypes.Person, [role], ["Ministry of Trade"], ["Spokesman"]))],
        [.. mentions.Select(m => new EntityMention(new TextSpan(m.Start, 5), m.Key, MentionKind.Name, role))]);

    [SkippableFact]
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

    [SkippableFact]
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

    [SkippableFact]
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

    [SkippableFact]
    public async Task AddAsync_SameDocumentFromTwoStoresAtOnce_StoredOnce()
    {
        await using (await _provider.OpenAsync(_location)) { }
        await using var first = await _provider.OpenAsync(_location);
        await using var second = await _provider.OpenAsync(_location);
        // Several rounds, so that the two adds really overlap at least sometimes; each round's document is new (random words, so no
        // near-duplicate of another round's) and whichever store goes first stores it, while the other sees a duplicate.
        var random = new Random(7);
        for (int round = 0; round < 6; round++)
        {
            var text = string.Join("\n\n", Enumerable.Range(0, 3).Select(_ =>
                string.Join(' ', Enumerable.Range(0, 40).Select(_ => $"word{random.Next(5000)}")) + "."));
            var document = Make(text, $"round{round}.txt");
            var results = await Task.WhenAll(Task.Run(() => first.AddAsync(document, 0.7)), Task.Run(() => second.AddAsync(document, 0.7)));
            results.Count(r => r.Outcome == AddOutcome.Added).ShouldBe(1);
            results.Count(r => r.Outcome == AddOutcome.ExactDuplicate).ShouldBe(1);
            results.Select(r => r.DocumentId).Distinct().ShouldHaveSingleItem();
        }
        (await first.CountAsync()).ShouldBe(6);
    }

    [SkippableFact]
    public async Task SaveEntitiesAsync_TwoDocumentsAtOnceSharingAnEntity_MergedEntityHasBoth()
    {
        await using var seed = await _provider.OpenAsync(_location);
        var a = (await seed.AddAsync(Make(Article), 0.7)).DocumentId;
        var b = (await seed.AddAsync(Make(OtherArticle, "b.txt"), 0.7)).DocumentId;
        await using var first = await _provider.OpenAsync(_location);
        await using var second = await _provider.OpenAsync(_location);
        await Task.WhenAll(
            Task.Run(() => first.SaveEntitiesAsync(a, Analysis("spokesman", ("person:li wei", "Li Wei", 10)), 1)),
            Task.Run(() => second.SaveEntitiesAsync(b, Analysis("trade envoy", ("person:li wei", "Li Wei", 5)), 1)));
        var li = (await seed.ListEntitiesAsync()).ShouldHaveSingleItem();
        li.Entity.Roles.Order(StringComparer.Ordinal).ShouldBe(["spokesman", "trade envoy"]);
        li.Documents.ShouldBe(2);
    }

    [SkippableFact]
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

    private const string OtherArticle = "Cotton prices rose sharply.\n\nTraders in the market expected further gains as the harvest came in below forecasts for the third year.";

    // A statement whose spans need not match the text: the store keeps what it is given.
    private static AttributedStatement Said(long documentId, string speaker, string? key, string camp, string text, int start = 20, bool question = false,
        string? role = null, string document = "a.txt") =>
        new(documentId, document, speaker, key, role, camp,
            new Attribution.Attribution(AttributionContent.Of(new TextSpan(start, text.Length)), new TextSpan(start - 6, 4), new TextSpan(0, 8), AttributionKind.Indirect,
                IsQuestion: question), "said", text)
        {
            CampInputs = new CampEvidence([role ?? "spokesman", speaker], "Chinese"),
        };

    // Records compare lists by reference; their JSON compares every field by value.
    private static string Json(IEnumerable<AttributedStatement> statements) => JsonSerializer.Serialize(statements);

    [SkippableFact]
    public async Task SaveStatementsAsync_ThenGet_RoundTripsEveryField()
    {
        await using var store = await _provider.OpenAsync(_location);
        var statements = (IStatementStore)store;
        var doc = (await store.AddAsync(Make(Article), 0.7)).DocumentId;
        AttributedStatement[] saved =
        [
            new(doc, "a.txt", "Li Wei", "person:li wei", "trade spokesman", "Chinese government",
                new Attribution.Attribution(AttributionContent.Of([new TextSpan(10, 5), new TextSpan(30, 7)]), null, new TextSpan(0, 6), AttributionKind.Mixed,
                    IsQuestion: false, Parent: null, SpeakerLabel: new TextSpan(0, 3), SourceFromHandover: true), null, "first … second")
            {
                CampInputs = new CampEvidence(["trade spokesman", "Ministry of Trade", "Li Wei"], null),
            },
            Said(doc, "unidentified speaker", null, CampClassifier.Other, "what happens next?", start: 50, question: true) with { CampInputs = null },
            Said(doc, "Zhang Min", "person:zhang min", "Academics and analysts", "the plan would fail", start: 80) with
            {
                Attribution = Said(doc, "x", null, "x", "x").Attribution with { Parent = 0, Kind = AttributionKind.Direct },
            },
        ];
        await statements.SaveStatementsAsync(doc, saved, 3);
        var stored = (await statements.GetStatementsAsync(doc)).ShouldNotBeNull();
        Json(stored).ShouldBe(Json(saved));
        stored[1].Attribution.IsQuestion.ShouldBeTrue();
        stored[1].CampInputs.ShouldBeNull();
        stored[2].Attribution.Parent.ShouldBe(0);
    }

    [SkippableFact]
    public async Task SaveStatementsAsync_AwkwardPartsAndCampInputs_RoundTrip()
    {
        await using var store = await _provider.OpenAsync(_location);
        var statements = (IStatementStore)store;
        var doc = (await store.AddAsync(Make(Article), 0.7)).DocumentId;
        var random = new Random(3);
        string[] awkward = ["", "say \"no\"", "back\\slash", "ünïcödé — “curly” ‘quotes’", "tab\tnew\nline", "emoji 🙂", "<b>&amp;</b>", "{\"descriptions\":[]}", "null", "[[1,2]]"];
        var saved = Enumerable.Range(0, 40).Select(i =>
        {
            int parts = i % 5, at = 0;
            var spans = Enumerable.Range(0, parts).Select(_ => { at += random.Next(0, 50); var span = new TextSpan(at, random.Next(0, 2000)); at = span.End; return span; }).ToList();
            var said = Said(doc, "Speaker " + i, null, "Other voices", "words " + i, start: 10 + i);
            return said with
            {
                Attribution = parts == 0 ? said.Attribution : said.Attribution with { Content = AttributionContent.Of(spans) },
                CampInputs = i % 7 == 0 ? null : new CampEvidence([.. Enumerable.Range(0, i % 4).Select(k => awkward[(i + k) % awkward.Length])], i % 3 == 0 ? null : awkward[i % awkward.Length]),
            };
        }).ToArray();
        await statements.SaveStatementsAsync(doc, saved, 1);
        Json((await statements.GetStatementsAsync(doc)).ShouldNotBeNull()).ShouldBe(Json(saved));
    }

    [SkippableFact]
    public async Task GetStatementsAsync_NotAnalysed_IsNullAndNeedsAnalysisUntilSavedAtVersion()
    {
        await using var store = await _provider.OpenAsync(_location);
        var statements = (IStatementStore)store;
        var doc = (await store.AddAsync(Make(Article), 0.7)).DocumentId;
        (await statements.GetStatementsAsync(doc)).ShouldBeNull();
        (await statements.ListDocumentsNeedingStatementsAsync(1)).ShouldBe([doc]);
        await statements.SaveStatementsAsync(doc, [], 1);
        (await statements.GetStatementsAsync(doc)).ShouldNotBeNull().ShouldBeEmpty();
        (await statements.ListDocumentsNeedingStatementsAsync(1)).ShouldBeEmpty();
        (await statements.ListDocumentsNeedingStatementsAsync(2)).ShouldBe([doc]);
        // Another version either way: the transformer tagger's statements carry a far higher one, and switching back analyses again.
        await statements.SaveStatementsAsync(doc, [], 1 + (1 << 24));
        (await statements.ListDocumentsNeedingStatementsAsync(1)).ShouldBe([doc]);
        (await statements.ListDocumentsNeedingStatementsAsync(1 + (1 << 24))).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task SaveStatementsAsync_Again_ReplacesTheSetAndItsTextIndex()
    {
        await using var store = await _provider.OpenAsync(_location);
        var statements = (IStatementStore)store;
        var doc = (await store.AddAsync(Make(Article), 0.7)).DocumentId;
        await statements.SaveStatementsAsync(doc, [Said(doc, "Li Wei", "person:li wei", "Chinese government", "tariffs would stay"), Said(doc, "Li Wei", "person:li wei", "Chinese government", "talks continue")], 1);
        await statements.SaveStatementsAsync(doc, [Said(doc, "Zhang Min", "person:zhang min", "Academics and analysts", "exporters will suffer")], 1);
        (await statements.GetStatementsAsync(doc))!.ShouldHaveSingleItem().Speaker.ShouldBe("Zhang Min");
        (await statements.FindStatementsAsync(new StatementQuery(Text: "tariffs"))).ShouldBeEmpty();
        (await statements.FindStatementsAsync(new StatementQuery(Text: "exporters"))).ShouldHaveSingleItem().Statement.Speaker.ShouldBe("Zhang Min");
    }

    [SkippableFact]
    public async Task SaveStatementsAsync_FailsPartWay_KeepsThePreviousSetAndVersion()
    {
        await using var store = await _provider.OpenAsync(_location);
        var statements = (IStatementStore)store;
        var doc = (await store.AddAsync(Make(Article), 0.7)).DocumentId;
        var before = new[] { Said(doc, "Li Wei", "person:li wei", "Chinese government", "tariffs would stay") };
        await statements.SaveStatementsAsync(doc, before, 1);
        // The second statement breaks the store's rules (a speaker is required) after the old set is gone and the first new one is written.
        var broken = new[] { Said(doc, "Zhang Min", null, "Other voices", "exporters will suffer"), Said(doc, null!, null, "Other voices", "never stored") };
        await Should.ThrowAsync<Exception>(() => statements.SaveStatementsAsync(doc, broken, 2));
        Json((await statements.GetStatementsAsync(doc))!).ShouldBe(Json(before));
        (await statements.ListDocumentsNeedingStatementsAsync(2)).ShouldBe([doc]);
        (await statements.FindStatementsAsync(new StatementQuery(Text: "exporters"))).ShouldBeEmpty();
    }

    private async Task<(IStatementStore Store, long A, long B)> TwoAnalysedDocuments(IDocumentStore store)
    {
        var statements = (IStatementStore)store;
        // B is newer; its date is given in another offset, which still sorts by the instant.
        var a = (await store.AddAsync(Make(Article, "a.txt", new DateTimeOffset(2020, 7, 10, 0, 0, 0, TimeSpan.Zero)), 0.7)).DocumentId;
        var b = (await store.AddAsync(Make(OtherArticle, "b.txt", new DateTimeOffset(2020, 7, 12, 6, 0, 0, TimeSpan.FromHours(8))), 0.7)).DocumentId;
        await statements.SaveStatementsAsync(a,
        [
            Said(a, "Li Wei", "person:li wei", "Chinese government", "tariffs would stay in place", start: 20, role: "trade spokesman"),
            Said(a, "Zhang Min", "person:zhang min", "Academics and analysts", "exporters will suffer", start: 40),
            Said(a, "a reporter", null, CampClassifier.Other, "will the tariffs stay?", start: 60, question: true),
        ], 1);
        await statements.SaveStatementsAsync(b,
        [
            Said(b, "Li Wei", "person:li wei", "Chinese government", "cotton prices are stable", start: 10, document: "b.txt"),
            Said(b, "Li Wei", "person:li wei", "Academics and analysts", "harvests vary", start: 30, document: "b.txt"),
            Said(b, "traders", null, CampClassifier.Other, "prices will rise", start: 50, document: "b.txt"),
        ], 1);
        return (statements, a, b);
    }

    private static List<string> Texts(IEnumerable<StatementHit> hits) => [.. hits.Select(h => h.Statement.Text)];

    [SkippableFact]
    public async Task FindStatementsAsync_NoFilter_NewestDocumentFirstInTextOrderWithoutQuestions()
    {
        await using var store = await _provider.OpenAsync(_location);
        var (statements, a, _) = await TwoAnalysedDocuments(store);
        var hits = await statements.FindStatementsAsync(new StatementQuery());
        Texts(hits).ShouldBe(["cotton prices are stable", "harvests vary", "prices will rise", "tariffs would stay in place", "exporters will suffer"]);
        hits[0].Published.ShouldBe(new DateTimeOffset(2020, 7, 12, 6, 0, 0, TimeSpan.FromHours(8)));
        hits[3].Statement.Document.ShouldBe("a.txt");
        hits[3].Statement.DocumentId.ShouldBe(a);
        Texts(await statements.FindStatementsAsync(new StatementQuery(IncludeQuestions: true))).ShouldContain("will the tariffs stay?");
        Texts(await statements.FindStatementsAsync(new StatementQuery(Limit: 2, Offset: 2))).ShouldBe(["prices will rise", "tariffs would stay in place"]);
    }

    [SkippableTheory]
    [InlineData("Li Wei")]
    [InlineData("li wei")]
    [InlineData("person:li wei")]
    [InlineData("PERSON:LI WEI")]
    public async Task FindStatementsAsync_BySpeaker_MatchesKeyOrNameIgnoringCase(string speaker)
    {
        await using var store = await _provider.OpenAsync(_location);
        var (statements, _, _) = await TwoAnalysedDocuments(store);
        Texts(await statements.FindStatementsAsync(new StatementQuery(Speaker: speaker)))
            .ShouldBe(["cotton prices are stable", "harvests vary", "tariffs would stay in place"]);
    }

    [SkippableFact]
    public async Task FindStatementsAsync_ByUnresolvedSpeakerName_MatchesName()
    {
        await using var store = await _provider.OpenAsync(_location);
        var (statements, _, _) = await TwoAnalysedDocuments(store);
        Texts(await statements.FindStatementsAsync(new StatementQuery(Speaker: "Traders"))).ShouldBe(["prices will rise"]);
        Texts(await statements.FindStatementsAsync(new StatementQuery(Speaker: "a reporter", IncludeQuestions: true))).ShouldBe(["will the tariffs stay?"]);
    }

    [SkippableFact]
    public async Task FindStatementsAsync_ByCamp_MatchesIgnoringCase()
    {
        await using var store = await _provider.OpenAsync(_location);
        var (statements, _, _) = await TwoAnalysedDocuments(store);
        Texts(await statements.FindStatementsAsync(new StatementQuery(Camp: "academics and analysts"))).ShouldBe(["harvests vary", "exporters will suffer"]);
    }

    [SkippableFact]
    public async Task FindStatementsAsync_ByDateRange_ComparesInstantsInclusively()
    {
        await using var store = await _provider.OpenAsync(_location);
        var (statements, _, _) = await TwoAnalysedDocuments(store);
        var bPublished = new DateTimeOffset(2020, 7, 11, 22, 0, 0, TimeSpan.Zero); // the same instant as 2020-07-12 06:00 +08:00
        Texts(await statements.FindStatementsAsync(new StatementQuery(From: bPublished))).ShouldBe(["cotton prices are stable", "harvests vary", "prices will rise"]);
        Texts(await statements.FindStatementsAsync(new StatementQuery(From: bPublished.AddSeconds(1)))).ShouldBeEmpty();
        Texts(await statements.FindStatementsAsync(new StatementQuery(To: bPublished.AddSeconds(-1)))).ShouldBe(["tariffs would stay in place", "exporters will suffer"]);
        Texts(await statements.FindStatementsAsync(new StatementQuery(From: new DateTimeOffset(2020, 7, 10, 0, 0, 0, TimeSpan.Zero), To: new DateTimeOffset(2020, 7, 10, 0, 0, 0, TimeSpan.Zero))))
            .ShouldBe(["tariffs would stay in place", "exporters will suffer"]);
    }

    [SkippableFact]
    public async Task FindStatementsAsync_ByStory_OnlyThatStorysDocuments()
    {
        await using var store = await _provider.OpenAsync(_location);
        var (statements, a, b) = await TwoAnalysedDocuments(store);
        var stories = (IStoryStore)store;
        var first = await stories.AssignStoryAsync(a, null, a, 0, "Tariffs");
        var second = await stories.AssignStoryAsync(b, null, b, 0, "Cotton");
        Texts(await statements.FindStatementsAsync(new StatementQuery(StoryId: first))).ShouldBe(["tariffs would stay in place", "exporters will suffer"]);
        Texts(await statements.FindStatementsAsync(new StatementQuery(StoryId: second, Speaker: "Li Wei"))).ShouldBe(["cotton prices are stable", "harvests vary"]);
        (await statements.FindStatementsAsync(new StatementQuery(StoryId: second + 100))).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task FindStatementsAsync_ByText_FullTextMatchOverContent()
    {
        await using var store = await _provider.OpenAsync(_location);
        var (statements, _, _) = await TwoAnalysedDocuments(store);
        Texts(await statements.FindStatementsAsync(new StatementQuery(Text: "prices"))).ShouldBe(["cotton prices are stable", "prices will rise"]);
        Texts(await statements.FindStatementsAsync(new StatementQuery(Text: "\"prices will\""))).ShouldBe(["prices will rise"]);
        Texts(await statements.FindStatementsAsync(new StatementQuery(Text: "tariffs", IncludeQuestions: true))).ShouldBe(["tariffs would stay in place", "will the tariffs stay?"]);
        (await statements.FindStatementsAsync(new StatementQuery(Text: "NEAR( * -"))).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task CountCampsByStoryAsync_StatementsInStories_CountedPerStoryAndCampWithoutQuestions()
    {
        await using var store = await _provider.OpenAsync(_location);
        var (statements, a, b) = await TwoAnalysedDocuments(store);
        (await statements.CountCampsByStoryAsync()).ShouldBeEmpty();
        var stories = (IStoryStore)store;
        var first = await stories.AssignStoryAsync(a, null, a, 0, "Cotton");
        var second = await stories.AssignStoryAsync(b, null, b, 0, "Tariffs");
        var byStory = await statements.CountCampsByStoryAsync();
        var expected = new List<StoryCampCount>();
        foreach (var (story, document) in new[] { (first, a), (second, b) })
        {
            var stored = (await statements.GetStatementsAsync(document))!.Where(s => !s.Attribution.IsQuestion);
            expected.AddRange(stored.GroupBy(s => s.Camp).Select(g => new StoryCampCount(story, g.Key, g.Count()))
                .OrderByDescending(c => c.Statements).ThenBy(c => c.Camp, StringComparer.Ordinal));
        }
        byStory.ShouldBe(expected);
        byStory.Sum(c => c.Statements).ShouldBeGreaterThan(0);
    }

    [SkippableFact]
    public async Task GetStatementsStampAsync_StatementsOfTheStoryAnalysedOrOutdated_StampChanges()
    {
        await using var store = await _provider.OpenAsync(_location);
        var (statements, a, b) = await TwoAnalysedDocuments(store);
        var stories = (IStoryStore)store;
        var story = await stories.AssignStoryAsync(a, null, a, 0, "Tariffs");
        await stories.AssignStoryAsync(b, null, b, 0, "Cotton");
        (await statements.GetStatementsStampAsync(story + 100)).ShouldBe(new StatementsStamp(0, 0, 0, null));
        var first = await statements.GetStatementsStampAsync(story);
        (first.Analyses, first.Versions, first.Statements).ShouldBe((1, 1L, 3L));
        first.LastAnalysed.ShouldNotBeNull();
        (await statements.GetStatementsStampAsync(story)).ShouldBe(first);

        // Another story's document analysed again: this story's stamp stays.
        await statements.SaveStatementsAsync(b, (await statements.GetStatementsAsync(b))!, 1);
        (await statements.GetStatementsStampAsync(story)).ShouldBe(first);

        // The same statements saved again at the same version: only the time tells.
        await statements.SaveStatementsAsync(a, (await statements.GetStatementsAsync(a))!, 1);
        var again = await statements.GetStatementsStampAsync(story);
        again.ShouldNotBe(first);
        again.LastAnalysed!.Value.ShouldBeGreaterThan(first.LastAnalysed!.Value);

        // New entities outdate the analysis; new text drops it.
        await ((IEntityStore)store).SaveEntitiesAsync(a, Analysis("trade spokesman", ("person:li wei", "Li Wei", 10)), 1);
        var outdated = await statements.GetStatementsStampAsync(story);
        (outdated.Analyses, outdated.Versions).ShouldBe((1, 0L));
        var replacement = Make("Completely different words about orchards and apples growing in the valley this autumn.");
        await store.UpdateContentAsync(a, replacement.Content, replacement.TextHash, replacement.Signature);
        (await statements.GetStatementsStampAsync(story)).ShouldBe(new StatementsStamp(0, 0, 0, null));
    }

    [SkippableFact]
    public async Task ListSpeakerCampsAsync_Statements_TheSpeakersMajorityCampsAsListSpeakersGivesThem()
    {
        await using var store = await _provider.OpenAsync(_location);
        var statements = (IStatementStore)store;
        (await statements.ListSpeakerCampsAsync()).ShouldBeEmpty();
        await TwoAnalysedDocuments(store);
        var c = (await store.AddAsync(Make("Rights groups and governments disagreed about the sanctions and the camps in the region this year.", "c.txt"), 0.7)).DocumentId;
        await statements.SaveStatementsAsync(c,
        [
            // A tie: the camp seen first is Wang Fang's; a camp held only by a question, or in a minority, is no speaker's.
            Said(c, "Wang Fang", "person:wang fang", "Western governments", "the sanctions are right", start: 10, document: "c.txt"),
            Said(c, "Wang Fang", "person:wang fang", "Rights groups", "the camps must close", start: 30, document: "c.txt"),
            Said(c, "a reporter", null, "Press", "will the camps close?", start: 50, question: true, document: "c.txt"),
            Said(c, "Li Wei", "person:li wei", "Foreign ministries", "nothing has changed", start: 70, document: "c.txt"),
        ], 1);
        var camps = await statements.ListSpeakerCampsAsync();
        camps.ShouldBe(["Academics and analysts", "Chinese government", CampClassifier.Other, "Western governments"]);
        camps.ShouldBe([.. (await statements.ListSpeakersAsync()).Select(s => s.Camp).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    [SkippableFact]
    public async Task ListSpeakersAsync_Statements_GroupedByKeyWithMajorityCampCountsAndDates()
    {
        await using var store = await _provider.OpenAsync(_location);
        var (statements, a, b) = await TwoAnalysedDocuments(store);
        var speakers = await statements.ListSpeakersAsync();
        speakers.Select(s => s.Speaker).ShouldBe(["Li Wei", "Zhang Min", "traders"]);
        var li = speakers[0];
        li.SpeakerKey.ShouldBe("person:li wei");
        li.Role.ShouldBe("trade spokesman");
        li.Camp.ShouldBe("Chinese government");
        (li.Statements, li.Documents).ShouldBe((3, 2));
        li.FirstPublished.ShouldBe(new DateTimeOffset(2020, 7, 10, 0, 0, 0, TimeSpan.Zero));
        li.LastPublished.ShouldBe(new DateTimeOffset(2020, 7, 12, 6, 0, 0, TimeSpan.FromHours(8)));
        speakers[2].SpeakerKey.ShouldBeNull();
        var story = await ((IStoryStore)store).AssignStoryAsync(b, null, b, 0, "Cotton");
        var inStory = await statements.ListSpeakersAsync(story);
        inStory.Select(s => (s.Speaker, s.Statements)).ShouldBe([("Li Wei", 2), ("traders", 1)]);
        inStory[0].FirstPublished.ShouldBe(inStory[0].LastPublished);
        (await statements.ListSpeakersAsync(story + 100)).ShouldBeEmpty();
        a.ShouldNotBe(b);
    }

    [SkippableFact]
    public async Task StatementAnalyzer_EntitiesReadBackFromTheStore_GiveTheStatementsOfAFreshExtraction()
    {
        await using var store = await _provider.OpenAsync(_location);
        const string quoted = "China hits back at sanctions\n\n"
            + "Chinese foreign ministry spokesman Zhao Lijian said on Monday that the sanctions were “illegal and unjustified”.\n\n"
            + "“We will take firm countermeasures,” Zhao told reporters in Beijing.\n\n"
            + "Shi Yinhong, an international relations professor at Renmin University, said the dispute would deepen. He added that talks were unlikely.";
        var id = (await store.AddAsync(Make(quoted), 0.7)).DocumentId;
        // Entities first, stored; the statements are then found from what the store gives back.
        await new EntityAnalyzer(store, (IEntityStore)store).AnalyzePendingAsync();
        await new StatementAnalyzer(store, (IEntityStore)store, (IStatementStore)store).AnalyzePendingAsync();
        var fresh = new StatementExtractor().Extract((await store.GetAsync(id))!);
        fresh.ShouldContain(s => s.Speaker == "Zhao Lijian");
        Json((await ((IStatementStore)store).GetStatementsAsync(id))!).ShouldBe(Json(fresh));
    }

    [SkippableFact]
    public async Task IngestFinisher_FinishAsync_AssignsEveryNewDocumentAndAnalysesOnlyTheGivenOnes()
    {
        await using var store = await _provider.OpenAsync(_location);
        var (stories, entities, statements) = ((IStoryStore)store, (IEntityStore)store, (IStatementStore)store);
        var a = (await store.AddAsync(Make(Article), 0.7)).DocumentId;
        var b = (await store.AddAsync(Make("Zhao Lijian, a spokesman for the foreign ministry, said on Monday that the sanctions were illegal and unjustified.", "b.txt"), 0.7)).DocumentId;
        var finisher = new IngestFinisher(stories, new DocumentAnalyzer(AnalysisPipeline.CreateDefault(), store, (IAnalysisStore)store, entities, statements));

        var first = await finisher.FinishAsync([b]);
        first.Assigned.Select(p => p.Document).ShouldBe([a, b]);
        first.Analysed.ShouldBe(1);
        (await statements.ListDocumentsNeedingStatementsAsync(StatementAnalyzer.Version)).ShouldBe([a]);
        (await entities.ListDocumentsNeedingEntitiesAsync(EntityResolver.Version)).ShouldBe([a]);
        (await statements.GetStatementsAsync(b))!.ShouldContain(s => s.Speaker == "Zhao Lijian");

        // Unbounded, the rest is caught up; nothing is left to assign.
        var second = await finisher.FinishAsync();
        (second.Assigned.Count, second.Analysed).ShouldBe((0, 1));
        (await statements.ListDocumentsNeedingStatementsAsync(StatementAnalyzer.Version)).ShouldBeEmpty();
        (await finisher.FinishAsync()).Analysed.ShouldBe(0);
    }

    [SkippableFact]
    public async Task ListDocumentsNeeding_AmongGivenIds_OnlyThoseOfThem_InIdOrder()
    {
        await using var store = await _provider.OpenAsync(_location);
        var (analyses, entities, statements) = ((IAnalysisStore)store, (IEntityStore)store, (IStatementStore)store);
        var a = (await store.AddAsync(Make(Article), 0.7)).DocumentId;
        var b = (await store.AddAsync(Make("Zhao Lijian, a spokesman for the foreign ministry, said on Monday that the sanctions were illegal and unjustified.", "b.txt"), 0.7)).DocumentId;
        var c = (await store.AddAsync(Make("Another article about orchards and apples in the valley.", "c.txt"), 0.7)).DocumentId;
        await new DocumentAnalyzer(AnalysisPipeline.CreateDefault(), store, analyses, entities, statements).AnalyzePendingAsync([b]);

        (await analyses.ListDocumentsNeedingAnalysisAsync("text", 1, [c, b, a, 999])).ShouldBe([a, c]);
        (await analyses.ListDocumentsNeedingAnalysisAsync("text", 1, [b])).ShouldBeEmpty();
        (await analyses.ListDocumentsNeedingAnalysisAsync("text", 99, [b])).ShouldBe([b]); // another version
        (await entities.ListDocumentsNeedingEntitiesAsync(EntityResolver.Version, [c, b])).ShouldBe([c]);
        (await statements.ListDocumentsNeedingStatementsAsync(StatementAnalyzer.Version, [b, a])).ShouldBe([a]);
        (await statements.ListDocumentsNeedingStatementsAsync(StatementAnalyzer.Version, [])).ShouldBeEmpty();
        // The store's answer equals the whole list filtered.
        (await statements.ListDocumentsNeedingStatementsAsync(StatementAnalyzer.Version, [a, b, c]))
            .ShouldBe(await statements.ListDocumentsNeedingStatementsAsync(StatementAnalyzer.Version));
    }

    [SkippableFact]
    public async Task SaveAnalysesAsync_TwoStages_ReadBackAndNoLongerNeeded()
    {
        await using var store = await _provider.OpenAsync(_location);
        var analyses = (IAnalysisStore)store;
        var a = (await store.AddAsync(Make(Article), 0.7)).DocumentId;
        var b = (await store.AddAsync(Make("Another article about orchards and apples in the valley.", "b.txt"), 0.7)).DocumentId;
        (await analyses.ListDocumentsNeedingAnalysisAsync("text", 1)).ShouldBe([a, b]);
        await analyses.SaveAnalysesAsync(a, [new StoredAnalysis(a, "text", 1, [1, 2, 3]), new StoredAnalysis(a, "times", 4, [9])]);
        (await analyses.ListDocumentsNeedingAnalysisAsync("text", 1)).ShouldBe([b]);
        (await analyses.ListDocumentsNeedingAnalysisAsync("text", 2)).ShouldBe([a, b]);
        (await analyses.ListDocumentsNeedingAnalysisAsync("times", 4)).ShouldBe([b]);
        var read = (await analyses.GetAnalysesAsync([a, b], ["text", "times", "vectors"])).OrderBy(x => x.Stage).ToList();
        read.Select(x => (x.DocumentId, x.Stage, x.Version)).ShouldBe([(a, "text", 1), (a, "times", 4)]);
        read[0].Data.ShouldBe(new byte[] { 1, 2, 3 });
        // Saving again replaces.
        await analyses.SaveAnalysesAsync(a, [new StoredAnalysis(a, "text", 2, [7])]);
        (await analyses.GetAnalysesAsync([a], ["text"])).Single().ShouldBe(new StoredAnalysis(a, "text", 2, [7]), new AnalysisComparer());
    }

    [SkippableFact]
    public async Task SaveAnalysesAsync_UnknownDocument_Throws()
    {
        await using var store = await _provider.OpenAsync(_location);
        await Should.ThrowAsync<Exception>(() => ((IAnalysisStore)store).SaveAnalysesAsync(42, [new StoredAnalysis(42, "text", 1, [1])]));
    }

    [SkippableFact]
    public async Task UpdateContentAsync_AnalysedDocument_DropsItsStageResults()
    {
        await using var store = await _provider.OpenAsync(_location);
        var analyses = (IAnalysisStore)store;
        var id = (await store.AddAsync(Make(Article), 0.7)).DocumentId;
        await analyses.SaveAnalysesAsync(id, [new StoredAnalysis(id, "text", 1, [1])]);
        var replacement = Make("Completely different words about orchards and apples growing in the valley this autumn.");
        await store.UpdateContentAsync(id, replacement.Content, replacement.TextHash, replacement.Signature);
        (await analyses.GetAnalysesAsync([id], ["text"])).ShouldBeEmpty();
        (await analyses.ListDocumentsNeedingAnalysisAsync("text", 1)).ShouldBe([id]);
    }

    [SkippableFact]
    public async Task GetStatementsAsync_ManyDocuments_SameAsOneByOneAndAnalysedOnly()
    {
        await using var store = await _provider.OpenAsync(_location);
        var statements = (IStatementStore)store;
        var a = (await store.AddAsync(Make(Article), 0.7)).DocumentId;
        var b = (await store.AddAsync(Make("Another article about orchards and apples in the valley.", "b.txt"), 0.7)).DocumentId;
        var c = (await store.AddAsync(Make("A third article, about harbours and ships in the bay.", "c.txt"), 0.7)).DocumentId;
        await statements.SaveStatementsAsync(a, [Said(a, "Li Wei", "person:li wei", "Chinese government", "tariffs would stay"), Said(a, "Ann Ode", null, "Other voices", "prices would rise")], 1);
        await statements.SaveStatementsAsync(b, [], 1);
        var all = await statements.GetStatementsAsync([a, b, c, a]);
        all.Keys.Order().ShouldBe([a, b]);
        Json(all[a]).ShouldBe(Json((await statements.GetStatementsAsync(a))!));
        all[b].ShouldBeEmpty();
        (await statements.GetStatementsAsync(Array.Empty<long>())).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task SaveClaimsAsync_Ledger_ReadBackWholeAndReplaced()
    {
        await using var store = await _provider.OpenAsync(_location);
        var claims = (IClaimStore)store;
        var id = (await store.AddAsync(Make(Article), 0.7)).DocumentId;
        var story = await ((IStoryStore)store).AssignStoryAsync(id, null, id, 1, "Trade measures");
        (await claims.GetClaimsAsync(story)).ShouldBeNull();
        (await claims.GetClaimsStampAsync(story)).ShouldBeNull();
        var published = new DateTimeOffset(2020, 7, 10, 0, 0, 0, TimeSpan.Zero);
        var ledger = new StoryClaims(story, [
            new LedgerClaim(1, "The tariffs will hit exporters", published, true, 2.5, [
                new LedgerStatement(id, "analysts", null, "Independent experts", StanceLabels.Asserts, "would hit exporters hardest", 10, 37, published),
                new LedgerStatement(id, "A spokesman", "spokesman for the ministry", "Government", StanceLabels.Denies, "remained open", 40, 53, null)]),
        ], 3, "stamp-1");
        await claims.SaveClaimsAsync(ledger);
        var read = (await claims.GetClaimsAsync(story)).ShouldNotBeNull();
        (read.StoryId, read.Version, read.Stamp).ShouldBe((story, 3, "stamp-1"));
        (await claims.GetClaimsStampAsync(story)).ShouldBe(new ClaimsStamp(3, "stamp-1"));
        read.Claims.Count.ShouldBe(1);
        (read.Claims[0] with { Statements = [] }).ShouldBe(ledger.Claims[0] with { Statements = [] });
        read.Claims[0].Statements.ShouldBe(ledger.Claims[0].Statements);
        read.Claims[0].CampStances().ShouldBe([("Independent experts", StanceLabels.Asserts, 1), ("Government", StanceLabels.Denies, 1)]);

        await claims.SaveClaimsAsync(ledger with { Claims = [], Stamp = "stamp-2" });
        var empty = (await claims.GetClaimsAsync(story)).ShouldNotBeNull();
        (empty.Claims.Count, empty.Stamp).ShouldBe((0, "stamp-2"));
        (await claims.GetClaimsStampAsync(story)).ShouldBe(new ClaimsStamp(3, "stamp-2"));
    }

    [SkippableFact]
    public async Task SaveBriefingAsync_Briefing_ReadBackWholeAndReplaced()
    {
        await using var store = await _provider.OpenAsync(_location);
        var briefings = (IBriefingStore)store;
        var id = (await store.AddAsync(Make(Article), 0.7)).DocumentId;
        var story = await ((IStoryStore)store).AssignStoryAsync(id, null, id, 1, "Trade measures");
        (await briefings.GetBriefingAsync(story)).ShouldBeNull();
        (await briefings.GetBriefingStampAsync(story)).ShouldBeNull();
        var cite = new Briefing.Citation(id, new TextSpan(0, 20));
        var published = new DateTimeOffset(2020, 7, 10, 0, 0, 0, TimeSpan.Zero);
        var briefing = new Briefing.StoryBriefing(story, "Trade measures", new Briefing.BriefingSentence("Officials announced measures.", [cite]),
            [new Briefing.BriefingSection(Briefing.SectionTitles.ExecutiveSummary, [new Briefing.BriefingSentence("Tariffs «hit» exporters.", [cite, cite with { Span = new TextSpan(30, 5) }])], true),
             new Briefing.BriefingSection("Body", [], false)],
            new Dictionary<long, Briefing.SourceInfo>
            {
                [id] = new(id, "Trade measures", "The Daily", published, true, "https://example.com/a", "", Time.TimeGranularity.Month, "latest date mentioned: “July 2020”"),
                [id + 1] = new(id + 1, "b.txt", null, null, false, null, ""),
            });
        var timeline = new List<Briefing.TimelineEvent> { new(new DateOnly(2020, 7, 7), Time.TimeGranularity.Day, "2020-07-07", "Officials announced measures.", [cite]) };
        var saved = new Briefing.StoredBriefing(story, "stamp-1\nledger", briefing, timeline, [id, id + 1], [id + 1]);
        await briefings.SaveBriefingAsync(saved);

        var read = (await briefings.GetBriefingAsync(story)).ShouldNotBeNull();
        (read.StoryId, read.Stamp).ShouldBe((story, "stamp-1\nledger"));
        JsonSerializer.Serialize(read).ShouldBe(JsonSerializer.Serialize(saved));
        read.Briefing.Sources.Keys.ShouldBe([id, id + 1]);
        read.Briefing.Sources[id].PublishedLabel.ShouldBe(briefing.Sources[id].PublishedLabel);
        (await briefings.GetBriefingStampAsync(story)).ShouldBe("stamp-1\nledger");

        await briefings.SaveBriefingAsync(saved with { Stamp = "stamp-2", Timeline = [] });
        var replaced = (await briefings.GetBriefingAsync(story)).ShouldNotBeNull();
        (replaced.Stamp, replaced.Timeline.Count).ShouldBe(("stamp-2", 0));
    }

    [SkippableFact]
    public async Task StoryBriefingAnalyzer_RefreshAsync_StoredBriefingShownAsWrittenUntilTheStoryChanges()
    {
        await using var store = await _provider.OpenAsync(_location);
        var all = (IStorylineStore)store;
        var a = (await store.AddAsync(Make(Article, "a.txt", new DateTimeOffset(2020, 7, 7, 0, 0, 0, TimeSpan.Zero)), 0.7)).DocumentId;
        await store.AddAsync(Make(Article.Replace("Tuesday", "Friday", StringComparison.Ordinal) + "\n\nThe ministry said on Friday that talks would resume in August.", "b.txt",
            new DateTimeOffset(2020, 7, 10, 0, 0, 0, TimeSpan.Zero)), 0.7);
        await IngestFinisher.For(all).FinishAsync();
        var story = (await all.ListStoriesAsync()).ShouldHaveSingleItem().Id;
        var reader = Briefing.StoredBriefingReader.For(all);
        var analyzer = Briefing.StoryBriefingAnalyzer.For(all);

        // As written at finish: the same briefing and timeline, rendered byte for byte, as one written now from the evidence.
        var stored = (await reader.ReadAsync(story)).ShouldNotBeNull();
        var evidence = (await Briefing.StoryEvidenceLoader.For(all).LoadAsync(story)).ShouldNotBeNull();
        var fresh = new Briefing.ExtractiveBriefingWriter().Write(evidence);
        Briefing.MarkdownBriefingRenderer.Render(stored.Briefing).ShouldBe(Briefing.MarkdownBriefingRenderer.Render(fresh));
        Briefing.HtmlBriefingRenderer.Render(stored.Briefing).ShouldBe(Briefing.HtmlBriefingRenderer.Render(fresh));
        JsonSerializer.Serialize(Contracts.BriefingItem.Of(stored.Briefing)).ShouldBe(JsonSerializer.Serialize(Contracts.BriefingItem.Of(fresh)));
        JsonSerializer.Serialize(stored.Stored.Timeline).ShouldBe(JsonSerializer.Serialize(new Briefing.TimelineBuilder().Build(evidence.Documents)));
        stored.Documents.Select(d => d.Id).ShouldBe(evidence.Documents.Select(d => d.Document.Id));
        (await analyzer.RefreshAsync()).ShouldBe(0);

        // A document analysed again (here to one statement fewer) moves the story's stamp: the stored briefing is read past until the
        // refresh writes it again.
        var said = (await all.GetStatementsAsync(a)).ShouldNotBeNull();
        said.ShouldNotBeEmpty();
        await all.SaveStatementsAsync(a, [.. said.Skip(1)], StatementAnalyzer.Version);
        (await reader.ReadAsync(story)).ShouldBeNull();
        (await analyzer.RefreshAsync([story])).ShouldBe(1);
        (await reader.ReadAsync(story)).ShouldNotBeNull();
    }

    [SkippableFact]
    public async Task SaveViewAsync_View_ReadBackAndReplaced()
    {
        await using var store = await _provider.OpenAsync(_location);
        var views = (IViewStore)store;
        (await views.GetViewAsync("speakers")).ShouldBeNull();
        (await views.GetViewStampAsync("speakers")).ShouldBeNull();
        await views.SaveViewAsync("speakers", "s1", """[{"speaker":"Li «Wei»"}]""");
        await views.SaveViewAsync("other", "o1", "[]");
        (await views.GetViewAsync("speakers")).ShouldBe(new StoredView("s1", """[{"speaker":"Li «Wei»"}]"""));
        await views.SaveViewAsync("speakers", "s2", "[]");
        (await views.GetViewAsync("speakers")).ShouldBe(new StoredView("s2", "[]"));
        (await views.GetViewStampAsync("other")).ShouldBe("o1");
    }

    [SkippableFact]
    public async Task SpeakerDirectory_RefreshAsync_StoredListSameAsSummarisedUntilStatementsChange()
    {
        await using var store = await _provider.OpenAsync(_location);
        var all = (IStorylineStore)store;
        var a = (await store.AddAsync(Make(Article), 0.7)).DocumentId;
        var b = (await store.AddAsync(Make(OtherArticle, "b.txt"), 0.7)).DocumentId;
        await all.SaveStatementsAsync(a, [Said(a, "Li Wei", "person:li wei", "Chinese government", "tariffs would stay", role: "spokesman"),
            Said(a, "Critics", null, "Independent experts", "the decision had been rushed", start: 40)], 1);
        await all.SaveStatementsAsync(b, [Said(b, "Li Wei", "person:li wei", "Chinese government", "prices rose", document: "b.txt")], 1);
        var directory = SpeakerDirectory.For(all);
        (await directory.RefreshAsync()).ShouldBeTrue();
        (await directory.RefreshAsync()).ShouldBeFalse();
        var summarised = await all.ListSpeakersAsync();
        summarised.Select(s => (s.Speaker, s.Statements, s.Documents)).ShouldBe([("Li Wei", 2, 2), ("Critics", 1, 1)]);
        JsonSerializer.Serialize(await directory.ListAsync()).ShouldBe(JsonSerializer.Serialize(summarised));
        (await all.GetViewStampAsync(SpeakerDirectory.ViewName)).ShouldNotBeNull();

        // A document's statements replaced: until the directory is written again, readers get the statements' own summary.
        await all.SaveStatementsAsync(b, [], 1);
        var changed = await all.ListSpeakersAsync();
        changed.Select(s => (s.Speaker, s.Statements)).ShouldBe([("Li Wei", 1), ("Critics", 1)]);
        JsonSerializer.Serialize(await directory.ListAsync()).ShouldBe(JsonSerializer.Serialize(changed));
        (await directory.RefreshAsync()).ShouldBeTrue();
        JsonSerializer.Serialize(await directory.ListAsync()).ShouldBe(JsonSerializer.Serialize(changed));
        (await directory.ListAsync(-1)).ShouldBeEmpty();
    }

    private sealed class AnalysisComparer : IEqualityComparer<StoredAnalysis>
    {
        public bool Equals(StoredAnalysis? x, StoredAnalysis? y) =>
            x is not null && y is not null && (x.DocumentId, x.Stage, x.Version) == (y.DocumentId, y.Stage, y.Version) && x.Data.SequenceEqual(y.Data);
        public int GetHashCode(StoredAnalysis obj) => obj.Stage.GetHashCode(StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task UpdateContentAsync_AnalysedDocument_DropsItsStatementsAndNeedsThemAgain()
    {
        await using var store = await _provider.OpenAsync(_location);
        var statements = (IStatementStore)store;
        var added = await store.AddAsync(Make(Article), 0.7);
        await statements.SaveStatementsAsync(added.DocumentId, [Said(added.DocumentId, "Li Wei", "person:li wei", "Chinese government", "tariffs would stay")], 1);
        var replacement = Make("Completely different words about orchards and apples growing in the valley this autumn.");
        await store.UpdateContentAsync(added.DocumentId, replacement.Content, replacement.TextHash, replacement.Signature);
        (await statements.GetStatementsAsync(added.DocumentId)).ShouldBeNull();
        (await statements.ListDocumentsNeedingStatementsAsync(1)).ShouldBe([added.DocumentId]);
        (await statements.FindStatementsAsync(new StatementQuery(Text: "tariffs"))).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task SaveEntitiesAsync_DocumentWithStatements_KeepsThemReadableButOutdated()
    {
        await using var store = await _provider.OpenAsync(_location);
        var statements = (IStatementStore)store;
        var doc = (await store.AddAsync(Make(Article), 0.7)).DocumentId;
        await statements.SaveStatementsAsync(doc, [Said(doc, "Li Wei", "person:li wei", "Chinese government", "tariffs would stay")], 1);
        await ((IEntityStore)store).SaveEntitiesAsync(doc, Analysis("spokesman", ("person:li wei", "Li Wei", 10)), 1);
        (await statements.GetStatementsAsync(doc)).ShouldNotBeNull().ShouldHaveSingleItem();
        (await statements.ListDocumentsNeedingStatementsAsync(1)).ShouldBe([doc]);
    }

    [SkippableFact]
    public async Task SaveEntitiesAsync_WithRecognizerSpans_RoundTripsThemAndWithoutGivesNull()
    {
        await using var store = await _provider.OpenAsync(_location);
        var entities = (IEntityStore)store;
        var a = (await store.AddAsync(Make(Article), 0.7)).DocumentId;
        var b = (await store.AddAsync(Make(OtherArticle, "b.txt"), 0.7)).DocumentId;
        NamedEntity[] recognized = [new(new TextSpan(10, 5), "PER", 0), new(new TextSpan(40, 8), "ORG", 2)];
        await entities.SaveEntitiesAsync(a, Analysis("spokesman", ("person:li wei", "Li Wei", 10)).WithRecognized(recognized), 1);
        await entities.SaveEntitiesAsync(b, Analysis("spokesman", ("person:li wei", "Li Wei", 5)), 1);
        (await entities.GetEntitiesAsync(a))!.Recognized.ShouldBe(recognized);
        (await entities.GetEntitiesAsync(b))!.Recognized.ShouldBeNull();
        await entities.SaveEntitiesAsync(a, Analysis("spokesman", ("person:li wei", "Li Wei", 10)).WithRecognized([]), 1);
        (await entities.GetEntitiesAsync(a))!.Recognized.ShouldNotBeNull().ShouldBeEmpty();
    }

    public void Dispose()
    {
        _provider.Release(_location);
        try { Directory.Delete(_location, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}

/// <summary>The store contract on SQLite.</summary>
public sealed class SqliteDocumentStoreTests : DocumentStoreTests<SqliteProvider>;

/// <summary>The store contract on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDocumentStoreTests : DocumentStoreTests<PostgresProvider>;
