using System.Text;
using Storyline.Briefing;
using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Tests.Briefing;

public class DevelopmentOrderTests
{
    private static readonly DocumentPipeline Pipeline = DocumentPipeline.CreateDefault();

    // An article without a publication date, ingested at `ingested` (later ids ingested earlier unless given), in development `development`.
    private static AnalysedDocument Undated(long id, long development, string text, int ingestedDaysAgo = 0)
    {
        var input = new RawInput($"undated{id}.txt", null, "text/plain", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch, InputHints.None);
        var stored = new StoredDocument(id, input.Name, null, Pipeline.Process(input), null, DateTimeOffset.UnixEpoch.AddDays(-ingestedDaysAgo));
        return AnalysedDocument.Analyse(stored, development);
    }

    private static AnalysedDocument Dated(long id, long development, string published, string text)
    {
        var input = new RawInput($"doc{id}.txt", null, "text/plain", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch,
            new InputHints(Published: DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture)));
        return AnalysedDocument.Analyse(new StoredDocument(id, input.Name, null, Pipeline.Process(input), null, DateTimeOffset.UnixEpoch), development);
    }

    private const string Sanctions = "Sanctions imposed\n\nThe United States imposed sanctions on four officials in Xinjiang over the detention of Uygurs, the Treasury Department said.\n\nThe officials include the region's party secretary.";
    private const string Reaction = "China retaliates\n\nChina said it would take reciprocal action against American institutions after the sanctions on Xinjiang officials.\n\nThe foreign ministry spokesman did not give details of the measures Beijing was planning.";
    private const string Report = "UN report\n\nThe United Nations human rights office released a report that found serious human rights violations in Xinjiang.\n\nBeijing rejected the report as a politicised document.";

    [Fact]
    public void Order_UndatedArticleReportsAnothersNewsAsPast_ItIsLater()
    {
        // The reaction was ingested first; nothing but its "after the sanctions on Xinjiang officials" says it is later.
        var docs = new List<AnalysedDocument> { Undated(1, 10, Reaction, ingestedDaysAgo: 2), Undated(2, 20, Sanctions, ingestedDaysAgo: 1) };
        DevelopmentOrder.Order(docs).ShouldBe([20L, 10L]);
    }

    [Fact]
    public void Order_UndatedArticlesWithoutEvidence_IngestOrderStands()
    {
        var docs = new List<AnalysedDocument> { Undated(1, 10, Report, ingestedDaysAgo: 2), Undated(2, 20, Sanctions, ingestedDaysAgo: 1) };
        DevelopmentOrder.Order(docs).ShouldBe([10L, 20L]);
    }

    [Fact]
    public void Order_UndatedArticleMentionsDateAfterDatedOne_ItIsLater()
    {
        // The undated article mentions 2022: it cannot be older than that, so it comes after the 2020 article whatever its ingest time.
        var docs = new List<AnalysedDocument>
        {
            Undated(1, 10, "UN report\n\nThe United Nations human rights office released a report in August 2022 that found serious violations in Xinjiang.", ingestedDaysAgo: 5000),
            Dated(2, 20, "2020-07-10", Sanctions),
        };
        docs[0].Document.Content.Metadata.Published!.IsEstimate.ShouldBeTrue();
        DevelopmentOrder.Order(docs).ShouldBe([20L, 10L]);
    }

    [Fact]
    public void Order_StatedDates_DecideOverTextEvidence()
    {
        // The 2020 article is stated to be older even though the 2022 one's text is what the other reports as past.
        var docs = new List<AnalysedDocument> { Dated(1, 10, "2022-09-01", Sanctions), Dated(2, 20, "2020-07-10", Reaction) };
        DevelopmentOrder.Order(docs).ShouldBe([20L, 10L]);
    }

    [Fact]
    public void Order_ChainOfReports_OrderedAlongTheChain()
    {
        const string Trial = "Trial opens\n\nThe trial of the former deputy prime minister opened in Kuala Lumpur on charges of corruption.\n\nHundreds of supporters gathered outside.";
        const string Arrest = "Arrest\n\nPolice arrested the former deputy prime minister at his home under the Internal Security Act.\n\nHe had led street protests.";
        const string Verdict = "Verdict\n\nThe court found him guilty following the trial of the former deputy prime minister on charges of corruption.\n\nHis lawyers will appeal.";
        const string TrialAfterArrest = "Trial opens\n\nThe trial opened weeks after police arrested the former deputy prime minister at his home.\n\nHundreds of supporters gathered outside.";
        var docs = new List<AnalysedDocument>
        {
            Undated(1, 30, Verdict, ingestedDaysAgo: 3),
            Undated(2, 20, Trial, ingestedDaysAgo: 2),
            Undated(3, 20, TrialAfterArrest, ingestedDaysAgo: 2),
            Undated(4, 10, Arrest, ingestedDaysAgo: 1),
        };
        DevelopmentOrder.Order(docs).ShouldBe([10L, 20L, 30L]);
    }

    [Theory]
    [InlineData("China said it would act after the sanctions on Xinjiang officials.", true)]
    [InlineData("The court ruled following last week's vote in parliament, officials said.", true)]
    [InlineData("The United States had imposed sanctions on four officials in July.", true)]
    [InlineData("The talks resumed after lunch.", false)]
    [InlineData("The United States imposed sanctions on four officials.", false)]
    public void PastClauses_Sentence_NamesAnEarlierEventOnlyWithAMarkerAndContent(string sentence, bool expected) =>
        DevelopmentOrder.PastClauses(sentence).Any().ShouldBe(expected);
}
