using System.Text.Json;
using Storyline.Attribution;
using Storyline.Documents;
using Storyline.Entities;
using Storyline.Tests.TestSupport;
using Storyline.Text;

namespace Storyline.Tests.Attribution;

public class StatementExtractorTests
{
    internal const string Article = "China hits back at sanctions\n\n"
        + "Chinese foreign ministry spokesman Zhao Lijian said on Monday that the sanctions were “illegal and unjustified”.\n\n"
        + "“We will take firm countermeasures,” Zhao told reporters in Beijing.\n\n"
        + "Shi Yinhong, an international relations professor at Renmin University, said the dispute would deepen. He added that talks were unlikely before the summer.";

    private static readonly TextAnalyzer Analyzer = new();

    // Records compare lists by reference; their JSON compares every field by value.
    internal static string Json(IEnumerable<AttributedStatement> statements) => JsonSerializer.Serialize(statements);

    private static (StoredDocument Document, TextAnalysis Analysis, DocumentEntities Entities) Analysed(string text)
    {
        var document = new StoredDocument(7, "a.txt", null, Cleaner.Clean(text), null, DateTimeOffset.UnixEpoch);
        var analysis = Analyzer.Analyze(document.Content.Text, document.Content.Blocks, CancellationToken.None);
        var named = new NamedEntityRecognizer().Recognize(document.Content.Text, analysis);
        var entities = new EntityResolver().Resolve(document.Content.Text, analysis, named, EntityAnalyzer.DocumentKey(document.Id)).WithRecognized(named);
        return (document, analysis, entities);
    }

    [Fact]
    public void Extract_IndefiniteDescriptionNamingAPlace_SpeakerIsTheUnnamedPerson()
    {
        const string text = "Visitors change their minds\n\nLast year a reporter from Portugal said the new port had brought hundreds of jobs to the town.";
        var document = new StoredDocument(7, "a.txt", null, Cleaner.Clean(text), null, DateTimeOffset.UnixEpoch);
        var statement = new StatementExtractor().Extract(document).ShouldHaveSingleItem();
        statement.Speaker.ShouldBe("an unnamed reporter from Portugal");
        statement.SpeakerRole.ShouldBe("reporter from Portugal");
        statement.SpeakerKey.ShouldBeNull();
        statement.Camp.ShouldBe("Journalists and media");
    }

    [Fact]
    public void Extract_UnnamedOfficialThenNamedOfficialWithRole_SameSpeaker()
    {
        const string text = "Port town counts the cost\n\nA senior official with the Harbour Province government said the tariffs would cost the town hundreds of jobs. "
            + "Maria Lopez, deputy governor of Harbour Province, told reporters that the province would help the dock workers find new work.";
        var document = new StoredDocument(7, "a.txt", null, Cleaner.Clean(text), null, DateTimeOffset.UnixEpoch);
        var statements = new StatementExtractor().Extract(document);
        statements.Count.ShouldBe(2);
        statements.Select(s => s.Speaker).ShouldBe(["Maria Lopez", "Maria Lopez"]);
    }

    [Fact]
    public void Extract_UnnamedWitnessThenNamedOfficialOfAnotherKind_StaysUnnamed()
    {
        const string text = "Port town counts the cost\n\nA dock worker said the cranes had stood still for a week. "
            + "Maria Lopez, deputy governor of Harbour Province, told reporters that the province would help the dock workers find new work.";
        var document = new StoredDocument(7, "a.txt", null, Cleaner.Clean(text), null, DateTimeOffset.UnixEpoch);
        var statements = new StatementExtractor().Extract(document);
        statements.Select(s => s.Speaker).ShouldBe(["an unnamed dock worker", "Maria Lopez"]);
    }

    [Fact]
    public void Extract_PronounAfterIncludingList_SpeakerIsThePreviousSubject()
    {
        const string text = "Harbour visit\n\nGovernor Maria Lopez was joined by two mayors, including Tom Baker and Ana Ruiz, at the docks. "
            + "She said the harbour would reopen in spring.";
        var document = new StoredDocument(7, "a.txt", null, Cleaner.Clean(text), null, DateTimeOffset.UnixEpoch);
        new StatementExtractor().Extract(document).ShouldHaveSingleItem().Speaker.ShouldBe("Maria Lopez");
    }

    [Fact]
    public void Extract_PersonOnlySaidToHaveActed_IsNoSpeaker()
    {
        const string text = "Harbour fund\n\nThe only earlier case was in 2017, a former harbour master in Porto alleged to have taken bribes from shipping firms.";
        var document = new StoredDocument(7, "a.txt", null, Cleaner.Clean(text), null, DateTimeOffset.UnixEpoch);
        new StatementExtractor().Extract(document).ShouldNotContain(s => s.Speaker.Contains("harbour master", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_IndefiniteDocumentSource_IsNotAnUnnamedPerson()
    {
        const string text = "Port dispute\n\nIn a statement published on Thursday, the harbour authority said the new port had brought hundreds of jobs to the town.";
        var document = new StoredDocument(7, "a.txt", null, Cleaner.Clean(text), null, DateTimeOffset.UnixEpoch);
        new StatementExtractor().Extract(document).ShouldNotContain(s => s.Speaker.StartsWith("an unnamed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("The rumours claimed the old steel works would close before the end of the year.", "The rumours")]
    [InlineData("The ministry said the tariffs on steel and aluminium would stay in place until next year.", "The ministry")]
    public void Extract_CommonNounSource_KeptOnlyWhenItsHeadCanSpeak(string sentence, string mention)
    {
        var document = new StoredDocument(7, "a.txt", null, Cleaner.Clean("Trade dispute\n\n" + sentence), null, DateTimeOffset.UnixEpoch);
        var speakers = new StatementExtractor().Extract(document).Select(s => s.Speaker).ToList();
        if (mention == "The ministry")
        {
            speakers.ShouldContain(mention);
        }
        else
        {
            // The statement is found; its source is no speaker.
            speakers.ShouldContain(StatementExtractor.UnidentifiedSpeaker);
            speakers.ShouldNotContain(mention);
        }
    }

    [Fact]
    public void Extract_StoredEntities_SameStatementsAsFreshAnalysis()
    {
        var (document, analysis, entities) = Analysed(Article);
        var fresh = new StatementExtractor().Extract(document);
        fresh.Count.ShouldBeGreaterThanOrEqualTo(3);
        fresh.ShouldContain(s => s.Speaker == "Zhao Lijian" && s.SpeakerKey != null);
        // As a store gives them back: rebuilt from copies of their parts, mentions in another order.
        var stored = new DocumentEntities([.. entities.Entities.Select(e => e with { })], [.. entities.Mentions.Reverse()], [.. entities.Recognized!]);
        Json(new StatementExtractor().Extract(document, analysis, stored)).ShouldBe(Json(fresh));
    }

    [Fact]
    public void Extract_StoredEntitiesWithoutRecognizerSpans_RecognisesAgainWithSameResult()
    {
        var (document, analysis, entities) = Analysed(Article);
        var old = new DocumentEntities(entities.Entities, entities.Mentions);
        Json(new StatementExtractor().Extract(document, analysis, old)).ShouldBe(Json(new StatementExtractor().Extract(document)));
    }

    [Fact]
    public void Extract_GivenEntities_ResolvesSpeakersFromThemNotTheText()
    {
        var (document, analysis, entities) = Analysed(Article);
        var zhao = entities.Entities.Single(e => e.Name == "Zhao Lijian");
        var renamed = new DocumentEntities([.. entities.Entities.Select(e => e == zhao ? e with { Name = "Zhao (as stored)" } : e)], entities.Mentions, entities.Recognized);
        var statements = new StatementExtractor().Extract(document, analysis, renamed);
        statements.ShouldContain(s => s.Speaker == "Zhao (as stored)");
        statements.ShouldNotContain(s => s.Speaker == "Zhao Lijian");
    }

    [Fact]
    public void Reclassify_OtherCampsFile_ClassifiesFromStoredInputsAsAFreshExtractionWould()
    {
        var (document, analysis, entities) = Analysed(Article);
        var camps = new CampClassifier("Diplomats: spokesman, ministry\nScholars: professor, university\n");
        var defaults = new StatementExtractor().Extract(document, analysis, entities);
        defaults.ShouldContain(s => s.Camp == "Chinese government");
        var reclassified = defaults.Select(camps.Reclassify).ToList();
        Json(reclassified).ShouldBe(Json(new StatementExtractor(camps).Extract(document, analysis, entities)));
        reclassified.ShouldContain(s => s.Camp == "Diplomats");
        reclassified.ShouldContain(s => s.Camp == "Scholars");
    }
}
