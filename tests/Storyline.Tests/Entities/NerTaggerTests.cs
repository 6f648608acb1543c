using System.Diagnostics;
using System.Text.RegularExpressions;
using Storyline.Entities;
using Storyline.Training;

namespace Storyline.Tests.Entities;

public partial class NerTaggerTests
{
    // The tokenizer is built elsewhere; tests split words and punctuation simply.
    private static string[] Tokens(string text) => [.. WordOrPunctuation().Matches(text).Select(m => m.Value)];

    private static List<(string Text, string Type)> Entities(string sentence)
    {
        var tokens = Tokens(sentence);
        return [.. NerTagger.Default.Tag(tokens).Select(e => (e.Text(tokens), e.Type))];
    }

    [Fact]
    public void Tag_SpokesmanSentence_FindsPersonAndCountries()
    {
        var entities = Entities("Foreign ministry spokesman Zhao Lijian said on Friday that China would retaliate against the United States.");
        entities.ShouldContain(("Zhao Lijian", "PER"));
        entities.ShouldContain(("China", "LOC"));
        entities.ShouldContain(("United States", "LOC"));
    }

    [Fact]
    public void Tag_MeetingSentence_FindsPeopleAndCity()
    {
        var entities = Entities("German Chancellor Helmut Kohl met French President Jacques Chirac in Paris on Tuesday.");
        entities.ShouldContain(("Helmut Kohl", "PER"));
        entities.ShouldContain(("Jacques Chirac", "PER"));
        entities.ShouldContain(("Paris", "LOC"));
        entities.ShouldContain(("German", "MISC"));
    }

    [Fact]
    public void Tag_CompanySentence_FindsOrganisation()
    {
        var entities = Entities("Shares of Microsoft rose after the company said profits would beat forecasts, Reuters reported.");
        entities.ShouldContain(("Microsoft", "ORG"));
        entities.ShouldContain(("Reuters", "ORG"));
    }

    [Fact]
    public void Tag_PlainSentence_FindsNothing()
    {
        Entities("the price of bread rose again this week , officials said .").ShouldBeEmpty();
    }

    [Fact]
    public void TagDocument_CompanyNamedInFullElsewhere_TypesEveryMentionAsOrganisation()
    {
        string[][] document =
        [
            Tokens("Shares of Dravonix Corp fell 4 percent on Tuesday after the maker of car seats cut its forecast ."),
            Tokens("Dravonix said demand from carmakers had weakened ."),
            Tokens("Analysts said Dravonix would struggle to win new contracts ."),
        ];
        var tagged = NerTagger.Default.TagDocument(document);

        tagged.Count.ShouldBe(document.Length);
        for (int s = 0; s < document.Length; s++)
            tagged[s].Where(e => e.Text(document[s]).StartsWith("Dravonix", StringComparison.Ordinal)).Select(e => e.Type).ShouldBe(["ORG"], $"sentence {s}");
    }

    [Fact]
    public void TagDocument_OneSentence_MatchesTag()
    {
        var tokens = Tokens("Manchester United beat Arsenal 2-1 at Old Trafford on Saturday .");
        NerTagger.Default.TagDocument([tokens]).Single().ShouldBe(NerTagger.Default.Tag(tokens));
    }

    [Fact]
    public void TagDocument_NoSentences_ReturnsNone() => NerTagger.Default.TagDocument([]).ShouldBeEmpty();

    [Fact]
    public void Tag_StandingsRow_TypesTeamAsOrganisation()
    {
        Entities("Kelso Rovers 5 3 1 1 9 4 10").ShouldBe([("Kelso Rovers", "ORG")]);
    }

    [Fact]
    public void Default_EmbeddedModel_LoadsQuickly()
    {
        NerTagger.HasEmbeddedModel.ShouldBeTrue();
        var clock = Stopwatch.StartNew();
        var tagger = NerTagger.LoadEmbedded();
        clock.Stop();
        tagger.FeatureCount.ShouldBeGreaterThan(1000);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void SaveLoad_EmbeddedModel_TagsIdentically()
    {
        using var stream = new MemoryStream();
        NerTagger.Default.Save(stream);
        stream.Position = 0;
        var reloaded = NerTagger.Load(stream);

        reloaded.FeatureCount.ShouldBe(NerTagger.Default.FeatureCount);
        foreach (var sentence in new[] { "Foreign ministry spokesman Zhao Lijian said on Friday that China would retaliate.", "Manchester United beat Arsenal 2-1 at Old Trafford ." })
        {
            var tokens = Tokens(sentence);
            reloaded.TagBio(tokens).ShouldBe(NerTagger.Default.TagBio(tokens));
        }
        string[][] document = [Tokens("Shares of Dravonix Corp fell ."), Tokens("Dravonix said demand had weakened .")];
        reloaded.TagDocumentBio(document).ShouldBe(NerTagger.Default.TagDocumentBio(document));
    }

    [Fact]
    public void Load_NotAModel_ThrowsInvalidData()
    {
        using var stream = new MemoryStream();
        using (var brotli = new System.IO.Compression.BrotliStream(stream, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            brotli.Write("not a model at all"u8);
        stream.Position = 0;
        Should.Throw<InvalidDataException>(() => NerTagger.Load(stream));
    }

    [Fact]
    public void Train_TinyCorpus_LearnsAndRoundTrips()
    {
        var train = new List<ConllSentence>();
        string[] people = ["Anna Berg", "Tomas Lind", "Maria Holm", "Erik Sand"], places = ["Oslo", "Bergen", "Malmo", "Turku"];
        for (int i = 0; i < 40; i++)
        {
            var person = people[i % people.Length].Split(' ');
            var place = places[i % places.Length];
            train.Add(new ConllSentence([person[0], person[1], "visited", place, "today", "."], ["B-PER", "I-PER", "O", "B-LOC", "O", "O"], i));
        }
        var tagger = NerTrainer.Train(train, null, new NerTrainingOptions { MaxEpochs = 5, Clusters = 0, Folds = 2 });

        string[] tokens = ["Maria", "Holm", "visited", "Bergen", "today", "."];
        tagger.Tag(tokens).ShouldBe([new EntitySpan(0, 2, "PER"), new EntitySpan(3, 4, "LOC")]);
        using var stream = new MemoryStream();
        tagger.Save(stream);
        stream.Position = 0;
        NerTagger.Load(stream).TagBio(tokens).ShouldBe(tagger.TagBio(tokens));
    }

    [Fact]
    public void Tag_RandomTokens_NeverThrowsAndSpansAreWellFormed()
    {
        var random = new Random(20240611);
        string[] pool = ["", " ", "the", "The", "THE", "U.S.", "Zhao", "-", "--", "\"", "(", "1996-08-22", "3.5", "é", "Ünïcödé", "日本", "🙂",
            "\u0000", "\t", "a-b-c", "McDonald's", "iPhone", "X", "x", new string('W', 500), "New", "York", ".", ",", "'s", "CHINA"];
        for (int round = 0; round < 300; round++)
        {
            var tokens = new string[random.Next(0, 80)];
            for (int i = 0; i < tokens.Length; i++)
                tokens[i] = random.Next(4) == 0
                    ? new string([.. Enumerable.Range(0, random.Next(1, 12)).Select(_ => (char)random.Next(1, 0x3000))])
                    : pool[random.Next(pool.Length)];
            var spans = NerTagger.Default.Tag(tokens);
            int end = 0;
            foreach (var span in spans)
            {
                span.StartToken.ShouldBeGreaterThanOrEqualTo(end);
                span.EndToken.ShouldBeGreaterThan(span.StartToken);
                span.EndToken.ShouldBeLessThanOrEqualTo(tokens.Length);
                new[] { "PER", "ORG", "LOC", "MISC" }.ShouldContain(span.Type);
                end = span.EndToken;
            }
        }
    }

    [Fact]
    public void Tag_EmptySentence_ReturnsNoEntities() => NerTagger.Default.Tag([]).ShouldBeEmpty();

    [Fact]
    public void Tag_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Should.Throw<OperationCanceledException>(() => NerTagger.Default.Tag(["Paris"], cts.Token));
    }

    [GeneratedRegex(@"\w+(?:['’]\w+)?|[^\w\s]")]
    private static partial Regex WordOrPunctuation();
}
