using System.Diagnostics;
using System.Text;
using Storyline.Attribution;
using Storyline.Entities;
using Storyline.Tests.TestSupport;
using Storyline.Text;
using AttributionRecord = Storyline.Attribution.Attribution;

namespace Storyline.Tests.Attribution;

public class AttributionExtractorTests
{
    private static readonly TextAnalyzer Analyzer = new();
    private static readonly AttributionExtractor Extractor = new();

    private static List<AttributionRecord> Extract(string text, bool withEntities = false)
    {
        var analysis = Analyzer.Analyze(text);
        IReadOnlyList<NamedEntity> entities = withEntities ? new NamedEntityRecognizer().Recognize(text, analysis) : [];
        return Extractor.Extract(text, analysis, entities, CancellationToken.None).ToList();
    }

    private static string Source(string text, AttributionRecord a) => a.Source?.Slice(text) ?? "";

    private static string Content(string text, AttributionRecord a) => string.Join(" | ", a.Content.Parts.Select(p => p.Slice(text)));

    [Fact]
    public void Extract_PreposedIndirectSpeech_FindsSourceCueAndContent()
    {
        const string text = "Zhao Lijian said that the sanctions were illegal.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("Zhao Lijian");
        a.Cue!.Value.Slice(text).ShouldBe("said");
        Content(text, a).ShouldBe("that the sanctions were illegal");
        a.Kind.ShouldBe(AttributionKind.Indirect);
    }

    [Fact]
    public void Extract_HeadlineColonAfterName_NameSaysWhatFollows()
    {
        const string text = "Harbour Workers: Reopen the Docks Before Winter.\n\nThe port has been closed since May.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("Harbour Workers");
        a.Cue!.Value.Slice(text).ShouldBe(":");
        Content(text, a).ShouldBe("Reopen the Docks Before Winter.");
    }

    [Fact]
    public void Extract_HeadlineColonAfterPhraseEndingInPerson_PersonIsSource()
    {
        const string text = "A word from Maria Lopez: 'Keep the library open.'\n\nThe council meets on Monday.";
        var a = Extract(text, withEntities: true).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("Maria Lopez");
        Content(text, a).ShouldBe("'Keep the library open.'");
    }

    [Fact]
    public void Extract_ColonInLaterParagraph_NotAHeadline()
    {
        const string text = "The council met on Monday.\n\nThe agenda: roads, schools and the harbour budget.";
        Extract(text).ShouldBeEmpty();
    }

    [Fact]
    public void Extract_QuoteSignedWithDashAndName_NameIsSource()
    {
        const string text = "Readers wrote in.\n“The new bridge has made my commute twice as long.” ― Ana Ruiz\n“I like it.” ― Tom Baker";
        var found = Extract(text).Where(a => a.Cue is { } cue && cue.Slice(text) == "―").ToList();
        found.Count.ShouldBe(2);
        Source(text, found[0]).ShouldBe("Ana Ruiz");
        found[0].Cue!.Value.Slice(text).ShouldBe("―");
        Content(text, found[0]).ShouldBe("“The new bridge has made my commute twice as long.”");
        Source(text, found[1]).ShouldBe("Tom Baker");
    }

    [Fact]
    public void Extract_QuoteThenDashThenClause_NotSigned()
    {
        const string text = "He called it “a bridge too far” ― Ana Ruiz disagreed with him at length on Monday.";
        Extract(text).ShouldNotContain(a => a.Cue != null && a.Cue.Value.Slice(text) == "―");
    }

    [Theory]
    [InlineData("The fund was set up by Tom Baker, a former harbour master alleged to have taken bribes from the shipping firms.")]
    [InlineData("The ferry captain is said to be the richest man in the harbour town.")]
    public void Extract_ParticipleRaisingItsSubject_NotACue(string text)
    {
        Extract(text).ShouldBeEmpty();
    }

    [Fact]
    public void Extract_VerbFormAfterPossessive_IsANounNotACue()
    {
        const string text = "The harbour opened in May. Editor’s note the harbour master resigned in June over the delays.";
        Extract(text).ShouldBeEmpty();
    }

    [Fact]
    public void Extract_PronounContractionBeforeCue_StillACue()
    {
        const string text = "He’s claiming that the harbour will reopen in spring.";
        var a = Extract(text).ShouldHaveSingleItem();
        a.Cue!.Value.Slice(text).ShouldBe("claiming");
    }

    [Fact]
    public void Extract_PassiveParticipleBeforeTo_NotACue()
    {
        const string text = "The rules require all cargo to be weighed and reported to the harbour office within a day.";
        Extract(text).ShouldBeEmpty();
    }

    [Fact]
    public void Extract_PostposedCue_ContentBeforeSource()
    {
        const string text = "The talks will resume next week, sources said.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("sources");
        Content(text, a).ShouldBe("The talks will resume next week");
    }

    [Fact]
    public void Extract_InvertedCueAfterQuote_SourceWithAppositive()
    {
        const string text = "“It is a farce,” said Shi Yinhong, an international relations professor at Renmin University.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("Shi Yinhong, an international relations professor at Renmin University");
        Content(text, a).ShouldBe("“It is a farce,”");
        a.Kind.ShouldBe(AttributionKind.Direct);
    }

    [Fact]
    public void Extract_QuoteSplitAroundCue_OneContentWithTwoParts()
    {
        const string text = "“We firmly oppose this,” he said. “It is interference in our internal affairs.”";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("he");
        a.Content.Parts.Count.ShouldBe(2);
        Content(text, a).ShouldBe("“We firmly oppose this,” | “It is interference in our internal affairs.”");
    }

    [Fact]
    public void Extract_ColonQuoteOverParagraphs_TakesEveryParagraph()
    {
        const string text = "Chen also said: “The centres have closed. All trainees have graduated.\n\n“They have found jobs.”";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("Chen");
        a.Content.Parts.Count.ShouldBe(2);
        Content(text, a).ShouldEndWith("“They have found jobs.”");
    }

    [Fact]
    public void Extract_FollowOnQuotedParagraph_BelongsToLastSpeaker()
    {
        const string text = "“The report is a lie,” Wang Wenbin said.\n\n“Its authors have never been to Xinjiang.”";
        var list = Extract(text);
        list.Count.ShouldBe(2);
        list[1].Source.ShouldBe(list[0].Source);
        Content(text, list[1]).ShouldBe("“Its authors have never been to Xinjiang.”");
    }

    [Fact]
    public void Extract_AccordingTo_SourceAfterCue()
    {
        const string text = "According to the UN report, up to one million people were detained.";
        var a = Extract(text).ShouldHaveSingleItem();
        a.Cue!.Value.Slice(text).ShouldBe("According to");
        Source(text, a).ShouldBe("the UN report");
        Content(text, a).ShouldBe("up to one million people were detained");
    }

    [Fact]
    public void Extract_AppositiveBeforeCue_SourceKeepsAppositive()
    {
        const string text = "Shi Yinhong, an international relations professor at Renmin University, said the move was symbolic.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("Shi Yinhong, an international relations professor at Renmin University");
        Content(text, a).ShouldBe("the move was symbolic");
    }

    [Fact]
    public void Extract_QuotedFragmentInParaphrase_KindMixed()
    {
        const string text = "Wang Wenbin said the report was “pure farce” and full of lies.";
        var a = Extract(text).ShouldHaveSingleItem();
        a.Kind.ShouldBe(AttributionKind.Mixed);
    }

    [Fact]
    public void Extract_RelativeClauseOnDocument_DocumentIsSource()
    {
        const string text = "Officials released the report, which said the camps were closed.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("the report");
        Content(text, a).ShouldBe("the camps were closed");
    }

    [Fact]
    public void Extract_ToldPressConference_ContentStartsAtThat()
    {
        const string text = "Zhao Lijian told a press conference on Monday that the US was lying.";
        var a = Extract(text).ShouldHaveSingleItem();
        a.Cue!.Value.Slice(text).ShouldBe("told");
        Content(text, a).ShouldBe("that the US was lying");
    }

    [Fact]
    public void Extract_LeadingAdverbial_SourceIsTheName()
    {
        const string text = "In a statement published on Thursday, Liu Yuyin said the report was false.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("Liu Yuyin");
        Content(text, a).ShouldBe("the report was false");
    }

    [Fact]
    public void Extract_AnonymousSource_KeepsTheDescription()
    {
        const string text = "The decision was political, one specialist, speaking on condition of anonymity, said.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("one specialist, speaking on condition of anonymity");
        Content(text, a).ShouldBe("The decision was political");
    }

    [Fact]
    public void Extract_OrganisationDenies_OrganisationIsSource()
    {
        const string text = "Beijing denies the allegations of forced labour.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("Beijing");
        a.Cue!.Value.Slice(text).ShouldBe("denies");
    }

    [Fact]
    public void Extract_PronounSource_KeepsPronoun()
    {
        const string text = "He warned that the sanctions would backfire.";
        Source(text, Extract(text).ShouldHaveSingleItem()).ShouldBe("He");
    }

    [Fact]
    public void Extract_NestedReport_InnerHasParent()
    {
        const string text = "Wang said that Xi announced that the camps had closed.";
        var list = Extract(text);
        list.Count.ShouldBe(2);
        var outer = list.Single(a => a.Parent is null);
        var inner = list.Single(a => a.Parent is not null);
        Source(text, outer).ShouldBe("Wang");
        Source(text, inner).ShouldBe("Xi");
        list[inner.Parent!.Value].ShouldBe(outer);
        Content(text, inner).ShouldBe("that the camps had closed");
    }

    [Fact]
    public void Extract_QuotedThirdPartyInsideQuote_NestedUnderSpeaker()
    {
        const string text = "“Pompeo said the camps were prisons, which is a lie,” Zhao said.";
        var list = Extract(text);
        var outer = list.Single(a => a.Parent is null);
        Source(text, outer).ShouldBe("Zhao");
        var inner = list.Single(a => a.Parent is not null);
        Source(text, inner).ShouldBe("Pompeo");
    }

    [Fact]
    public void Extract_Transcript_QuestionsAnswersAndHandOver()
    {
        const string text = "The press conference invited Elijan Anayit and Mehmut Usman.\n\n"
            + "Q2: Some people think Xinjiang discriminates against minorities. What is your comment?\n\n"
            + "Xu Guixiang: This question goes to Mehmut Usman.\n\n"
            + "A: Xinjiang upholds the Constitution.\n\n"
            + "People of all ethnic groups enjoy the same rights.\n\n"
            + "Q3: What about the camps?";
        var list = Extract(text, withEntities: true);
        var question = list.First(a => a.IsQuestion);
        question.SpeakerLabel!.Value.Slice(text).ShouldBe("Q2:");
        question.Source.ShouldBeNull();
        var handOver = list.Single(a => Source(text, a) == "Xu Guixiang");
        handOver.IsQuestion.ShouldBeFalse();
        var answers = list.Where(a => a.SourceFromHandover).ToList();
        answers.Count.ShouldBe(2);
        answers.ShouldAllBe(a => a.Source!.Value.Start == text.IndexOf("goes to Mehmut Usman", StringComparison.Ordinal) + "goes to ".Length);
        answers.ShouldAllBe(a => a.SpeakerLabel!.Value.Slice(text) == "A:");
        Content(text, answers[1]).ShouldBe("People of all ethnic groups enjoy the same rights.");
        // Introduced but never speaking: nothing is attributed to the intro line's names.
        list.ShouldNotContain(a => a.Source != null && a.Source.Value.Start < text.IndexOf("Q2:", StringComparison.Ordinal));
        list.Last().IsQuestion.ShouldBeTrue();
    }

    [Fact]
    public void Extract_QuoteWithNoSpeaker_NoAttribution()
    {
        const string text = "The so-called “vocational centres” were built in 2017.";
        Extract(text).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("‘We oppose it,’ he said.")]
    [InlineData("\"We oppose it,\" he said.")]
    [InlineData("'We oppose it,' he said.")]
    [InlineData("「We oppose it,」 he said.")]
    [InlineData("''We oppose it,'' he said.")]
    public void Extract_EveryQuoteStyle_FindsTheQuote(string text)
    {
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("he");
        Content(text, a).ShouldContain("We oppose it");
    }

    [Theory]
    [InlineData("“Unclosed quote he said. And more “ text")]
    [InlineData("” ” “ said said according to , , : Q1: A:")]
    [InlineData("said")]
    [InlineData("")]
    [InlineData("A: \n\nXu: This question goes to\n\nA:")]
    public void Extract_StrayOrUnbalancedQuotes_DoesNotThrow(string text)
    {
        Should.NotThrow(() => Extract(text));
    }

    [Fact]
    public void Extract_RandomText_NeverThrowsOrHangs()
    {
        string[] pieces = ["“", "”", "\"", "'", "‘", "’", "''", "``", "「", "」", ".", ",", ":", "\n", "\n\n", " ", "said ", "says ", "according to ",
            "told ", "he ", "Zhao Lijian ", "Q1:", "A:", "Xu Guixiang:", "This question goes to ", "that ", "which ", "who ", "and ", "(", ")", "—", "word ", "Capital "];
        var random = new Random(20261123);
        var watch = Stopwatch.StartNew();
        for (int round = 0; round < 300; round++)
        {
            var sb = new StringBuilder();
            int length = random.Next(0, 600);
            while (sb.Length < length) sb.Append(random.Next(5) == 0 ? ((char)random.Next(0x20, 0x2100)).ToString() : pieces[random.Next(pieces.Length)]);
            var text = sb.ToString();
            var list = Extract(text);
            foreach (var a in list)
            {
                a.Content.Parts.ShouldAllBe(p => p.Start >= 0 && p.End <= text.Length && p.Length > 0);
                if (a.Parent is { } parent) parent.ShouldBeInRange(0, list.Count - 1);
            }
        }
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Extract_VeryLongArticle_FinishesQuickly()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 2000; i++) sb.Append("“The camps are closed,” Zhao Lijian said on Monday. Officials said the report was false, sources added.\n\n");
        var text = sb.ToString();
        var watch = Stopwatch.StartNew();
        var list = Extract(text);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        list.Count.ShouldBeGreaterThanOrEqualTo(4000);
    }

    [Fact]
    public void Extract_Cancelled_Throws()
    {
        const string text = "Zhao said the camps are closed.";
        var analysis = Analyzer.Analyze(text);
        Should.Throw<OperationCanceledException>(() => Extractor.Extract(text, analysis, [], new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Extract_Samples_NamedSpeakersAreSources()
    {
        string[] names = ["Zhao Lijian", "Pompeo", "Shi Yinhong", "Barry Sautman", "Liu Yuyin", "Wang Yiwei", "Wang Wenbin", "Chen Weijun", "Elijan Anayit", "Mehmut Usman"];
        var found = new HashSet<string>();
        foreach (var file in Directory.EnumerateFiles(SharedData.Samples, "*.txt"))
        {
            var text = File.ReadAllText(file);
            foreach (var a in Extract(text, withEntities: true))
                if (a.Source is { } s)
                    foreach (var name in names)
                        if (s.Slice(text).Contains(name, StringComparison.Ordinal)) found.Add(name);
        }
        foreach (var name in names)
            if (Directory.EnumerateFiles(SharedData.Samples, "*.txt").Any(f => File.ReadAllText(f).Contains(name, StringComparison.Ordinal)))
                found.ShouldContain(name);
    }
    [Fact]
    public void Extract_BeliefVerbWithoutThat_FindsStance()
    {
        const string text = "The treasurer believes the budget is too large.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("The treasurer");
        a.Cue!.Value.Slice(text).ShouldBe("believes");
        Content(text, a).ShouldBe("the budget is too large");
    }

    [Fact]
    public void Extract_WishVerbWithInfinitive_FindsStance()
    {
        const string text = "Farmers want to sell their grain abroad.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("Farmers");
        Content(text, a).ShouldBe("to sell their grain abroad");
    }

    [Fact]
    public void Extract_BeliefVerbWithPlainObject_NoAttribution()
    {
        Extract("They found jobs in the harbour town.").ShouldBeEmpty();
    }

    [Fact]
    public void Extract_LearnedStanceVerbInsideQuote_NotNested()
    {
        const string text = "“We back the new harbour plan,” she said.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("she");
    }

    [Fact]
    public void Extract_ParticipleCue_SourceIsClauseSubject()
    {
        const string text = "Mayor Ortega left the meeting early, saying the plan would raise water bills.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("Mayor Ortega");
        a.Cue!.Value.Slice(text).ShouldBe("saying");
        Content(text, a).ShouldBe("the plan would raise water bills");
    }

    [Fact]
    public void Extract_ParticipleCueAfterOpeningAdverbial_SkipsAdverbial()
    {
        const string text = "On Monday, the union walked out, arguing the deal ignored safety.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("the union");
        Content(text, a).ShouldBe("the deal ignored safety");
    }

    [Fact]
    public void Extract_SourceAndCueSentenceAfterQuote_TakesThatQuote()
    {
        const string text = "“The bridge will reopen in May.” Ortega said.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("Ortega");
        Content(text, a).ShouldBe("“The bridge will reopen in May.”");
    }
    [Fact]
    public void Extract_PostposedCueWithAdverbialThenParticiple_TwoAttributions()
    {
        const string text = "The tariff is a mistake, Okafor said Friday in Lagos, adding that exporters would suffer.";
        var list = Extract(text);
        list.Count.ShouldBe(2);
        Content(text, list[0]).ShouldBe("The tariff is a mistake");
        Source(text, list[1]).ShouldBe("Okafor");
        Content(text, list[1]).ShouldBe("that exporters would suffer");
    }

    [Fact]
    public void Extract_NewPronounSubjectAfterAnd_SplitsStatements()
    {
        const string text = "Okafor said the tariff was a mistake, and she criticised the ministry for its silence.";
        var list = Extract(text);
        list.Count.ShouldBe(2);
        Content(text, list[0]).ShouldBe("the tariff was a mistake");
        Source(text, list[1]).ShouldBe("she");
    }

    [Fact]
    public void Extract_CueInLeadingSubordinateClause_ContentEndsAtMainClause()
    {
        const string text = "While Okafor said that the port would stay open, the workers went home.";
        var a = Extract(text).ShouldHaveSingleItem();
        Content(text, a).ShouldBe("that the port would stay open");
    }

    [Fact]
    public void Extract_PassiveBelief_NoStance()
    {
        Extract("The ship is believed to have sunk near the coast.").ShouldBeEmpty();
    }
    [Fact]
    public void Extract_OpeningInSurveyPhrase_SurveyIsSource()
    {
        const string text = "In a new survey by the city council, most residents would use the ferry.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("a new survey by the city council");
        a.Cue!.Value.Slice(text).ShouldBe("In");
        Content(text, a).ShouldBe("most residents would use the ferry");
    }

    [Fact]
    public void Extract_OpeningAskedClause_QuestionWithoutSource()
    {
        const string text = "Asked whether the port would close, Okafor shook her head.";
        var a = Extract(text).ShouldHaveSingleItem();
        a.Source.ShouldBeNull();
        Content(text, a).ShouldBe("whether the port would close");
    }

    [Fact]
    public void Extract_CueInsideClause_ContentOnBothSides()
    {
        const string text = "The new bridge, Okafor said, would open in June.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("Okafor");
        Content(text, a).ShouldBe("The new bridge | would open in June");
    }
    [Fact]
    public void Extract_DashAppositive_SourceKeepsAppositive()
    {
        const string text = "Ortega — the mayor since 2019 — said the bridge would reopen.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("Ortega — the mayor since 2019");
        Content(text, a).ShouldBe("the bridge would reopen");
    }
    [Fact]
    public void Extract_NameWithPartyTagAndAppositive_WholeSource()
    {
        const string text = "Rep. Dana Ortega (D-Md.), chair of the harbour committee, said the bridge would reopen.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("Rep. Dana Ortega (D-Md.), chair of the harbour committee");
        Content(text, a).ShouldBe("the bridge would reopen");
    }
    [Fact]
    public void Extract_OpeningStatementPhraseWithLongAppositive_VerbIsTheCue()
    {
        const string text = "In a statement on Friday, Dana Ortega, a spokeswoman for the harbour authority in the northern port, said the report was wrong.";
        var a = Extract(text).ShouldHaveSingleItem();
        a.Cue!.Value.Slice(text).ShouldBe("said");
        Source(text, a).ShouldBe("Dana Ortega, a spokeswoman for the harbour authority in the northern port");
    }
    [Fact]
    public void Extract_CommaConnectiveNewSubjectCue_SplitsIntoTwoStatements()
    {
        const string text = "Most farmers said the harvest was poor, and nearly half said prices would rise.";
        var all = Extract(text);
        all.Count.ShouldBe(2);
        Content(text, all[0]).ShouldBe("the harvest was poor");
        Source(text, all[1]).ShouldBe("nearly half");
        Content(text, all[1]).ShouldBe("prices would rise");
    }
    [Fact]
    public void Extract_ParticipleAfterQuoteWithComma_SeparateStatementSameSource()
    {
        const string text = "Okafor called the budget “a disgrace,” adding that he would vote against it.";
        var all = Extract(text);
        all.Count.ShouldBe(2);
        Content(text, all[0]).ShouldBe("the budget “a disgrace,”");
        Source(text, all[1]).ShouldBe("Okafor");
        all[1].Cue!.Value.Slice(text).ShouldBe("adding");
    }
    [Fact]
    public void Extract_SeemsToClause_WriterStanceWithSubjectAndRest()
    {
        const string text = "The new ferry timetable seems to suit nobody.";
        var a = Extract(text).ShouldHaveSingleItem();
        a.Source.ShouldBeNull();
        a.Cue!.Value.Slice(text).ShouldBe("seems");
        Content(text, a).ShouldBe("The new ferry timetable | to suit nobody");
    }
    [Fact]
    public void Extract_ClauseInThePolls_PollIsSourceClauseIsContent()
    {
        const string text = "The mayor has fallen behind her rival in the latest city polls.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("the latest city polls");
        a.Cue!.Value.Slice(text).ShouldBe("in");
        Content(text, a).ShouldBe("The mayor has fallen behind her rival");
    }
    [Fact]
    public void Extract_MadeItClearThat_TwoWordCueAndSource()
    {
        const string text = "The harbour board made it clear that fees would rise.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("The harbour board");
        a.Cue!.Value.Slice(text).ShouldBe("made it clear");
        Content(text, a).ShouldBe("that fees would rise");
    }
    [Fact]
    public void Extract_PointedOutThat_ParticleNotInContent()
    {
        const string text = "Okafor pointed out that the ferry was late again.";
        var a = Extract(text).ShouldHaveSingleItem();
        Source(text, a).ShouldBe("Okafor");
        Content(text, a).ShouldBe("that the ferry was late again");
    }
    [Fact]
    public void Extract_CommaPossessiveSubjectCue_SplitsIntoTwoStatements()
    {
        const string text = "Okafor said the ferry was late, his deputy said the crew was ill.";
        var all = Extract(text);
        all.Count.ShouldBe(2);
        Content(text, all[0]).ShouldBe("the ferry was late");
        Source(text, all[1]).ShouldBe("his deputy");
    }
    [Fact]
    public void Extract_QuoteCommaThenConnectiveNewSubject_SplitsAfterQuote()
    {
        const string text = "Okafor called the plan “reckless,” but the mayor said it was sound.";
        var all = Extract(text);
        all.Count.ShouldBe(2);
        Content(text, all[0]).ShouldBe("the plan “reckless,”");
        Source(text, all[1]).ShouldBe("the mayor");
    }
    [Fact]
    public void Extract_RunInHeadingLabel_NotASpeaker()
    {
        const string text = "Ferry fares rise again\n\nEditor's Note: An earlier version of this story gave the wrong date for the vote.\n\nThe harbour board met on Monday.";
        var all = Extract(text);
        all.ShouldNotContain(a => Source(text, a).Contains("Note"));
    }
    [Fact]
    public void Extract_RelativeClauseWithOwnCue_SplitsIntoTwoStatements()
    {
        const string text = "Okafor said the depot closed after the storm, which she said had flooded the yard.";
        var all = Extract(text);
        string.Join(" ## ", all.Select(a => Source(text, a) + " / " + Content(text, a))).ShouldBe("Okafor / the depot closed after the storm ## she / had flooded the yard");
    }

    [Fact]
    public void Extract_PassiveParticipleWithBy_NotACue()
    {
        const string text = "The tariffs announced by the trade office on Monday covered steel from six countries.";
        Extract(text).ShouldBeEmpty();
    }

    [Fact]
    public void Extract_UnclosedQuoteAtTextEndInTranscript_NestedContentInsideItsParent()
    {
        const string text = "A: The mayor said “the road was closed ";
        var found = Extract(text);

        var nested = found.Single(a => a.Parent is not null);
        var parent = found[nested.Parent!.Value].Content.Span;
        Content(text, nested).ShouldBe("“the road was closed");
        nested.Content.Span.End.ShouldBeLessThanOrEqualTo(parent.End);
    }
}
