using System.Text;
using Storyline.Briefing;
using Storyline.Claims;
using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Tests.Briefing;

/// <summary>"Who Thinks What?" read with the story's claims ledger: each camp led by its side on the contested claims, in its own words.</summary>
public class WhoThinksWhatTests
{
    private static readonly DocumentPipeline Pipeline = DocumentPipeline.CreateDefault();

    private const string Text = "Xinjiang official admits sanctions hurt jobs\n\n" +
        "The United Nations report linked Beijing’s employment policies to forced labour in the region, its authors said on Wednesday.\n\n" +
        "Chen Weijun, vice-chairman of the regional government, also denied accusations of forced labour – a major reason for the sanctions – at a press conference.\n\n" +
        "Analysts expect the dispute over the sanctions to continue for years, as neither side shows any sign of changing course.";

    private static AnalysedDocument Doc()
    {
        var input = new RawInput("doc1.txt", null, "text/plain", Encoding.UTF8.GetBytes(Text), DateTimeOffset.UnixEpoch,
            new InputHints(Published: new DateTimeOffset(2023, 3, 24, 0, 0, 0, TimeSpan.Zero)));
        var stored = new StoredDocument(1, input.Name, null, Pipeline.Process(input), null, DateTimeOffset.UnixEpoch);
        return AnalysedDocument.Analyse(stored, 1);
    }

    private static (StoryEvidence Evidence, Statement Un, Statement China) Evidence(bool withLedger)
    {
        var doc = Doc();
        Citation At(string part) => new(1, new TextSpan(doc.Text.IndexOf(part, StringComparison.Ordinal), part.Length));
        var un = new Statement("United Nations", null, "United Nations", "Beijing’s employment policies to forced labour in the region", At("Beijing’s employment policies to forced labour in the region"), At("The United Nations report"));
        var china = new Statement("Chen Weijun", "vice-chairman of the regional government", "Chinese government", "accusations of forced labour – a major reason for the sanctions",
            At("accusations of forced labour – a major reason for the sanctions"), At("Chen Weijun"));
        LedgerStatement Ledger(Statement s, string stance) => new(1, s.Speaker, s.Role, s.Camp, stance, s.Text, s.Citation.Span.Start, s.Citation.Span.End, null);
        var claims = withLedger
            ? new List<LedgerClaim> { new(1, "Beijing’s employment policies to forced labour in the region", null, true, 6, [Ledger(un, StanceLabels.Asserts), Ledger(china, StanceLabels.Denies)], "forced labour") }
            : [];
        return (new StoryEvidence(7, [doc], []) { Claims = claims }, un, china);
    }

    private static IReadOnlyList<BriefingSentence> WhoThinksWhat(StoryEvidence evidence, params Statement[] statements)
    {
        // The writer takes the evidence's statements in briefing form; these tests give them directly.
        var briefing = new ExtractiveBriefingWriter().WriteStory(evidence.StoryId, evidence.Documents, statements, evidence.Claims);
        return briefing.Sections.Single(s => s.Title == SectionTitles.WhoThinksWhat).Sentences;
    }

    [Fact]
    public void Write_ContestedClaimInLedger_EachCampLedByItsSideInItsOwnWords()
    {
        var (evidence, un, china) = Evidence(withLedger: true);
        var bullets = WhoThinksWhat(evidence, un, china);
        var chinese = bullets.Single(b => b.Text.StartsWith("Chinese government (", StringComparison.Ordinal));
        chinese.Text.ShouldContain("): denies forced labour: ");
        chinese.Text.ShouldContain("denied accusations of forced labour");
        chinese.Citations.ShouldContain(c => c.Span.Contains(china.Citation.Span.Start));
        var unBullet = bullets.Single(b => b.Text.StartsWith("United Nations (", StringComparison.Ordinal));
        unBullet.Text.ShouldContain("): alleges forced labour: ");
        unBullet.Citations.ShouldContain(c => c.Span.Contains(un.Citation.Span.Start));
    }

    [Fact]
    public void Write_NoLedger_NoSideNamed()
    {
        var (evidence, un, china) = Evidence(withLedger: false);
        var bullets = WhoThinksWhat(evidence, un, china);
        bullets.Count.ShouldBe(2);
        bullets.ShouldAllBe(b => !b.Text.Contains("denies forced labour") && !b.Text.Contains("alleges forced labour"));
    }

    [Theory]
    [InlineData(StanceLabels.Denies, "that more than a million Muslims have been detained in camps, the UN says", "denies that more than a million Muslims have been detained in camps …")]
    [InlineData(StanceLabels.Questions, "the report is based on interviews", "questions whether the report is based on interviews")]
    [InlineData(StanceLabels.Denies, "“The report is a farce”", "denies “The report is a farce”")]
    public void PositionPhrase_ClaimWithoutTopic_SideAndTheLabelsFirstClause(string stance, string label, string expected) =>
        ExtractiveBriefingWriter.PositionPhrase(stance, new LedgerClaim(1, label, null, true, 1, [])).ShouldBe(expected);
}
