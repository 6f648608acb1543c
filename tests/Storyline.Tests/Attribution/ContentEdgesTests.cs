using Storyline.Attribution;
using Storyline.Documents;
using Storyline.Text;
using AttributionRecord = Storyline.Attribution.Attribution;

namespace Storyline.Tests.Attribution;

public class ContentEdgesTests
{
    private static readonly TextAnalyzer Analyzer = new();

    private static TextSpan Span(string text, string part)
    {
        int at = text.IndexOf(part, StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0, part);
        return new TextSpan(at, part.Length);
    }

    private static IReadOnlyList<AttributionRecord> Refine(string text, params AttributionRecord[] found) =>
        ContentEdges.Refine(new AttributionTokens(text, Analyzer.Analyze(text), []), found);

    private static string Content(string text, AttributionRecord a) => string.Join(" | ", a.Content.Parts.Select(p => p.Slice(text)));

    [Fact]
    public void Refine_SourceAndCueInterruptTheClause_FirstHalfJoinsTheContent()
    {
        const string text = "The harbour, the mayor said, would reopen in spring.";
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "would reopen in spring")), Span(text, "said"), Span(text, "the mayor"), AttributionKind.Indirect);

        var refined = Refine(text, a).ShouldHaveSingleItem();

        Content(text, refined).ShouldBe("The harbour | would reopen in spring");
    }

    [Fact]
    public void Refine_RelativeWordBeforeTheSource_JoinsTheContent()
    {
        const string text = "They dropped the plan, which the mayor said would cost too much.";
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "would cost too much")), Span(text, "said"), Span(text, "the mayor"), AttributionKind.Indirect);

        var refined = Refine(text, a).ShouldHaveSingleItem();

        Content(text, refined).ShouldBe("which | would cost too much");
    }

    [Fact]
    public void Refine_RelativeWordAfterAPreposition_LeftAlone()
    {
        const string text = "She gave a speech in which the mayor said the harbour would reopen.";
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "the harbour would reopen")), Span(text, "said"), Span(text, "the mayor"), AttributionKind.Indirect);

        Refine(text, a).ShouldHaveSingleItem().ShouldBeSameAs(a);
    }

    [Fact]
    public void Refine_TwoPartsAfterTheCue_SecondDropped()
    {
        const string text = "The mayor praised the new harbour plan on Monday, while critics feared the rising costs of the works.";
        var a = new AttributionRecord(AttributionContent.Of([Span(text, "the new harbour plan"), Span(text, "the rising costs of the works")]),
            Span(text, "praised"), Span(text, "The mayor"), AttributionKind.Indirect);

        Content(text, Refine(text, a).ShouldHaveSingleItem()).ShouldBe("the new harbour plan");
    }

    [Fact]
    public void Refine_QuoteSplitAroundTheCue_KeepsBothParts()
    {
        const string text = "“The harbour will reopen,” the mayor said, “and the ferries will run again.”";
        var a = new AttributionRecord(AttributionContent.Of([Span(text, "“The harbour will reopen,”"), Span(text, "“and the ferries will run again.”")]),
            Span(text, "said"), Span(text, "the mayor"), AttributionKind.Direct);

        Refine(text, a).ShouldHaveSingleItem().Content.Parts.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("But")]
    [InlineData("Having")]
    public void Refine_SourceOfOneFunctionWord_Dropped(string word)
    {
        string text = word + " announced that the harbour would reopen in spring.";
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "that the harbour would reopen in spring")), Span(text, "announced"), Span(text, word), AttributionKind.Indirect);

        Refine(text, a).ShouldHaveSingleItem().Source.ShouldBeNull();
    }

    [Theory]
    [InlineData("The council met while simultaneously", "simultaneously")]
    [InlineData("The rules were strictly", "strictly")]
    public void Refine_SourceOfOneLowerCaseAdverb_Dropped(string opening, string adverb)
    {
        string text = opening + " announced that the harbour would reopen in spring.";
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "that the harbour would reopen in spring")), Span(text, "announced"), Span(text, adverb), AttributionKind.Indirect);

        Refine(text, a).ShouldHaveSingleItem().Source.ShouldBeNull();
    }

    [Theory]
    [InlineData("The family announced that the harbour would reopen in spring.", "family")]
    [InlineData("Kelly announced that the harbour would reopen in spring.", "Kelly")]
    public void Refine_OneWordSourceEndingInLyThatNames_Kept(string text, string source)
    {
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "that the harbour would reopen in spring")), Span(text, "announced"), Span(text, source), AttributionKind.Indirect);

        Refine(text, a).ShouldHaveSingleItem().ShouldBeSameAs(a);
    }

    [Fact]
    public void Refine_SourceEndsInADiscourseWord_Trimmed()
    {
        const string text = "Beijing, however, denies that the camps exist.";
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "that the camps exist")), Span(text, "denies"), Span(text, "Beijing, however"), AttributionKind.Indirect);

        Refine(text, a).ShouldHaveSingleItem().Source!.Value.Slice(text).ShouldBe("Beijing");
    }

    [Fact]
    public void Refine_PronounSource_Kept()
    {
        const string text = "She announced that the harbour would reopen in spring.";
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "that the harbour would reopen in spring")), Span(text, "announced"), Span(text, "She"), AttributionKind.Indirect);

        Refine(text, a).ShouldHaveSingleItem().ShouldBeSameAs(a);
    }

    [Fact]
    public void Refine_FirstHalfHasACueOfItsOwn_LeftAlone()
    {
        const string text = "Critics argued the plan, the mayor said, would fail.";
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "would fail")), Span(text, "said"), Span(text, "the mayor"), AttributionKind.Indirect);

        Refine(text, a).ShouldHaveSingleItem().ShouldBeSameAs(a);
    }

    [Fact]
    public void Refine_OneWordListenerBesideALongPart_Dropped()
    {
        const string text = "The mayor told voters that the harbour would reopen in spring.";
        var a = new AttributionRecord(AttributionContent.Of([Span(text, "voters"), Span(text, "that the harbour would reopen in spring")]),
            Span(text, "told"), Span(text, "The mayor"), AttributionKind.Indirect);

        Content(text, Refine(text, a).ShouldHaveSingleItem()).ShouldBe("that the harbour would reopen in spring");
    }

    [Theory]
    [InlineData("The council called for an inquiry into the contract.", "called", "called for", "an inquiry into the contract")]
    [InlineData("The union warned against the new rules on overtime.", "warned", "warned against", "the new rules on overtime")]
    [InlineData("The minister referred to the report as a turning point.", "referred", "referred to", "the report as a turning point")]
    public void Refine_PrepositionRightAfterTheCue_MovesIntoTheCue(string text, string cue, string expectedCue, string expectedContent)
    {
        var content = text[(text.IndexOf(cue, StringComparison.Ordinal) + cue.Length + 1)..^1];
        var a = new AttributionRecord(AttributionContent.Of(Span(text, content)), Span(text, cue), Span(text, text[..text.IndexOf(' ', 4)]), AttributionKind.Indirect);

        var refined = Refine(text, a).ShouldHaveSingleItem();

        refined.Cue!.Value.Slice(text).ShouldBe(expectedCue);
        Content(text, refined).ShouldBe(expectedContent);
    }

    [Theory]
    [InlineData("The mayor said in 2019 the harbour would reopen.", "said", "in 2019 the harbour would reopen")]
    [InlineData("The minister spoke about 40 minutes.", "spoke", "about 40 minutes")]
    [InlineData("The mayor promised to leave the coast.", "promised", "to leave the coast")]
    public void Refine_PrepositionAfterASayingVerbOrOpeningTheStatement_LeftInTheContent(string text, string cue, string content)
    {
        var a = new AttributionRecord(AttributionContent.Of(Span(text, content)), Span(text, cue), Span(text, text[..text.IndexOf(' ', 4)]), AttributionKind.Indirect);

        Refine(text, a).ShouldHaveSingleItem().ShouldBeSameAs(a);
    }

    [Fact]
    public void Refine_ShortUnquotedSceneBesideAQuotation_Dropped()
    {
        const string text = "As a phone rang, the announcer said, “It is three in the morning and your children are asleep.”";
        var a = new AttributionRecord(AttributionContent.Of([Span(text, "As a phone rang"), Span(text, "“It is three in the morning and your children are asleep.”")]),
            Span(text, "said"), Span(text, "the announcer"), AttributionKind.Mixed);

        Content(text, Refine(text, a).ShouldHaveSingleItem()).ShouldBe("“It is three in the morning and your children are asleep.”");
    }

    [Fact]
    public void Refine_ShortUnquotedPartBesideUnquotedStatement_Kept()
    {
        const string text = "Under the plan, the mayor said, the harbour would reopen in spring after the repairs.";
        var a = new AttributionRecord(AttributionContent.Of([Span(text, "Under the plan"), Span(text, "the harbour would reopen in spring after the repairs")]),
            Span(text, "said"), Span(text, "the mayor"), AttributionKind.Indirect);

        Refine(text, a).ShouldHaveSingleItem().ShouldBeSameAs(a);
    }

    [Theory]
    [InlineData("The mayor said the campaign would stage a protest, though she admitted it was unlikely to work.", "the campaign would stage a protest")]
    [InlineData("The mayor said the city would hire 200 teachers, adding that schools in the north would come first.", "the city would hire 200 teachers")]
    [InlineData("The mayor said the harbour would reopen in spring after the repairs, the spokesman added.", "the harbour would reopen in spring after the repairs")]
    public void Refine_TrailingClauseOfTheWriter_CutFromTheContent(string text, string expected)
    {
        var content = text[(text.IndexOf("said ", StringComparison.Ordinal) + 5)..^1];
        var a = new AttributionRecord(AttributionContent.Of(Span(text, content)), Span(text, "said"), Span(text, "The mayor"), AttributionKind.Indirect);

        Content(text, Refine(text, a).ShouldHaveSingleItem()).ShouldBe(expected);
    }

    [Theory]
    [InlineData("The mayor said the plan covers schools, housing and the courts.")]
    [InlineData("The mayor said sanctions have hurt the local economy, contributing to unemployment in the region.")]
    [InlineData("The mayor said the policy, including in the north, was unlikely to change.")]
    [InlineData("The mayor said the city would hire teachers, but would cut the police budget.")]
    [InlineData("The mayor said “the harbour would reopen, though slowly” in spring.")]
    public void Refine_ListOrSecondHalfOfTheStatement_LeftAlone(string text)
    {
        var content = text[(text.IndexOf("said ", StringComparison.Ordinal) + 5)..^1];
        var a = new AttributionRecord(AttributionContent.Of(Span(text, content)), Span(text, "said"), Span(text, "The mayor"), AttributionKind.Indirect);

        Refine(text, a).ShouldHaveSingleItem().ShouldBeSameAs(a);
    }

    [Fact]
    public void Refine_NothingToChange_ReturnsTheSameList()
    {
        const string text = "The mayor said the harbour would reopen.";
        AttributionRecord[] found = [new(AttributionContent.Of(Span(text, "the harbour would reopen")), Span(text, "said"), Span(text, "The mayor"), AttributionKind.Indirect)];

        ContentEdges.Refine(new AttributionTokens(text, Analyzer.Analyze(text), []), found).ShouldBeSameAs(found);
    }

    [Fact]
    public void Refine_UnquotedSceneAfterClosedQuote_Dropped()
    {
        const string text = "“We will get there together,” she said at a news conference announcing the budget.";
        var a = new AttributionRecord(AttributionContent.Of([Span(text, "“We will get there together,”"), Span(text, "at a news conference announcing the budget")]),
            Span(text, "said"), Span(text, "she"), AttributionKind.Mixed);

        Content(text, Refine(text, a).ShouldHaveSingleItem()).ShouldBe("“We will get there together,”");
    }

    [Fact]
    public void Refine_TopicAfterSaidOf_Kept()
    {
        const string text = "“It is fine,” the senator said of the new rules.";
        var a = new AttributionRecord(AttributionContent.Of([Span(text, "“It is fine,”"), Span(text, "the new rules")]),
            Span(text, "said of"), Span(text, "the senator"), AttributionKind.Mixed);

        Refine(text, a).ShouldHaveSingleItem().ShouldBeSameAs(a);
    }

    [Fact]
    public void Refine_SourceBeforeRaisingCue_BecomesTheContentSubject()
    {
        const string text = "The harbour project seems to have stalled.";
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "to have stalled")), Span(text, "seems"), Span(text, "The harbour project"), AttributionKind.Indirect);

        var refined = Refine(text, a).ShouldHaveSingleItem();

        Content(text, refined).ShouldBe("The harbour project | to have stalled");
        refined.Source.ShouldBeNull();
    }

    [Fact]
    public void Refine_PassiveCueWithoutSource_SubjectBeforeItJoinsTheContent()
    {
        const string text = "Officials met on Monday, and the mayor is expected to announce the budget.";
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "to announce the budget")), Span(text, "is expected"), null, AttributionKind.Indirect);

        Content(text, Refine(text, a).ShouldHaveSingleItem()).ShouldBe("the mayor | to announce the budget");
    }

    [Fact]
    public void Refine_RaisingVerbBeforeAnotherCue_SubjectStaysTheSource()
    {
        const string text = "He appeared to suggest that the deal was dead.";
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "that the deal was dead")), Span(text, "appeared to suggest"), Span(text, "He"), AttributionKind.Indirect);

        Refine(text, a).ShouldHaveSingleItem().ShouldBeSameAs(a);
    }

    [Fact]
    public void Refine_ItSeemsThat_NoSubjectAdded()
    {
        const string text = "It seems that the talks will resume.";
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "that the talks will resume")), Span(text, "seems"), Span(text, "It"), AttributionKind.Indirect);

        Refine(text, a).ShouldHaveSingleItem().ShouldBeSameAs(a);
    }

    [Theory]
    [InlineData("The senator, opening the debate on the budget, said the deal was dead.", "The senator, opening the debate on the budget", "The senator")]
    [InlineData("The senator, in a later briefing, said the deal was dead.", "The senator, in a later briefing", "The senator")]
    [InlineData("He’s said the deal was dead.", "He’s", "He")]
    public void Refine_SourceWithSettingOrClitic_TrimmedToWhoSpoke(string text, string source, string expected)
    {
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "the deal was dead")), Span(text, "said"), Span(text, source), AttributionKind.Indirect);

        Refine(text, a).ShouldHaveSingleItem().Source!.Value.Slice(text).ShouldBe(expected);
    }

    [Theory]
    [InlineData("Six newspapers, including the Asbury Park Press, said the deal was dead.", "Six newspapers, including the Asbury Park Press")]
    [InlineData("Trump’s said the deal was dead.", "Trump’s")]
    public void Refine_SourceWithIncludingOrPossessive_LeftAlone(string text, string source)
    {
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "the deal was dead")), Span(text, "said"), Span(text, source), AttributionKind.Indirect);

        Refine(text, a).ShouldHaveSingleItem().ShouldBeSameAs(a);
    }

    [Fact]
    public void Refine_SceneBeforeAQuotedSentence_NotAdded()
    {
        const string text = "Holding up a book, the mayor said, “This is the plan we need.”";
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "“This is the plan we need.”")), Span(text, "said"), Span(text, "the mayor"), AttributionKind.Direct);

        Refine(text, a).ShouldHaveSingleItem().ShouldBeSameAs(a);
    }

    [Fact]
    public void Refine_ListenerAndTimeAfterTheCue_FirstHalfStillJoins()
    {
        const string text = "The harbour, the mayor told reporters on Friday, would reopen in spring.";
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "would reopen in spring")), Span(text, "told"), Span(text, "the mayor"), AttributionKind.Indirect);

        Content(text, Refine(text, a).ShouldHaveSingleItem()).ShouldBe("The harbour | would reopen in spring");
    }

    [Fact]
    public void Refine_ConnectiveBeforeAsSourceSaid_NotAdded()
    {
        const string text = "Of course, as the mayor noted, the harbour would reopen in spring.";
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "the harbour would reopen in spring")), Span(text, "noted"), Span(text, "the mayor"), AttributionKind.Indirect);

        Refine(text, a).ShouldHaveSingleItem().ShouldBeSameAs(a);
    }

    [Fact]
    public void Refine_AccordingSourceRunIntoTheSubject_SplitAtTheComma()
    {
        const string text = "According to exit polls, Mitt Romney had a lead among them.";
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "had a lead among them")), Span(text, "According to"), Span(text, "exit polls, Mitt Romney"), AttributionKind.Indirect);

        var refined = Refine(text, a).ShouldHaveSingleItem();

        refined.Source!.Value.Slice(text).ShouldBe("exit polls");
        Content(text, refined).ShouldBe("Mitt Romney had a lead among them");
    }

    [Fact]
    public void Refine_AccordingSourceWithApposition_LeftAlone()
    {
        const string text = "According to Bill McInturff, a Republican pollster, her ratings fell.";
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "her ratings fell")), Span(text, "According to"), Span(text, "Bill McInturff, a Republican pollster"), AttributionKind.Indirect);

        Refine(text, a).ShouldHaveSingleItem().ShouldBeSameAs(a);
    }

    [Fact]
    public void Refine_ProgrammeNamedAfterClosedQuote_Dropped()
    {
        const string text = "“We will get there together,” she said on CBS’s “Face the Nation.”";
        var a = new AttributionRecord(AttributionContent.Of([Span(text, "“We will get there together,”"), Span(text, "CBS’s “Face the Nation")]),
            Span(text, "said on"), Span(text, "she"), AttributionKind.Mixed);

        Content(text, Refine(text, a).ShouldHaveSingleItem()).ShouldBe("“We will get there together,”");
    }

    [Theory]
    [InlineData("One of his advisers said the deal was dead.", "his advisers", "One of his advisers")]
    [InlineData("The campaign knew that advisers to the mayor said the deal was dead.", "the mayor", "advisers to the mayor")]
    [InlineData("Later, Rubio and Cruz said the deal was dead.", "Cruz", "Rubio and Cruz")]
    public void Refine_SourceIsTheTailOfItsNounPhrase_ExtendedToItsHead(string text, string source, string expected)
    {
        var a = new AttributionRecord(AttributionContent.Of(Span(text, "the deal was dead")), Span(text, "said"), Span(text, source), AttributionKind.Indirect);

        Refine(text, a).ShouldHaveSingleItem().Source!.Value.Slice(text).ShouldBe(expected);
    }

    [Fact]
    public void Refine_PartsApartOnlyByAComma_Merged()
    {
        const string text = "The mayor praised his housing plan, which includes new parks.";
        var a = new AttributionRecord(AttributionContent.Of([Span(text, "his housing plan"), Span(text, "which includes new parks")]),
            Span(text, "praised"), Span(text, "The mayor"), AttributionKind.Indirect);

        var refined = Refine(text, a).ShouldHaveSingleItem();

        refined.Content.Parts.ShouldHaveSingleItem().Slice(text).ShouldBe("his housing plan, which includes new parks");
    }
}
