using Storyline.Documents;
using Storyline.Text;

namespace Storyline.Tests.Text;

public class TextAnalyzerTests
{
    private static readonly TextAnalyzer Analyzer = new();

    private static string[] Sentences(string text) =>
        Analyzer.Analyze(text).Sentences.Select(s => s.Span.Slice(text)).ToArray();

    private static string[] Tokens(string text) => Analyzer.Analyze(text).Tokens.Select(t => t.Text(text)).ToArray();

    private static TokenKind KindOf(string text, string token) =>
        Analyzer.Analyze(text).Tokens.First(t => t.Text(text) == token).Kind;

    [Fact]
    public void Analyze_TitleAndAcronym_OneSentence() =>
        Sentences("U.S. Secretary of State Mike Pompeo said on Friday.").ShouldBe(["U.S. Secretary of State Mike Pompeo said on Friday."]);

    [Theory]
    [InlineData("Mr. Xu met Gen. Li on Dec. 9 at 10 a.m. in the H.K. office.")]
    [InlineData("It ranked No. 1 in the world, said Dr. Smith of Acme Corp. on Monday.")]
    [InlineData("George W. Bush met J. R. Smith in Washington.")]
    [InlineData("The fund, e.g. the one in Urumqi, grew.")]
    public void Analyze_AbbreviationsAndInitials_DoNotSplit(string text) => Sentences(text).Length.ShouldBe(1);

    [Fact]
    public void Analyze_AcronymAtSentenceEnd_SplitsBeforeSentenceStarter() =>
        Sentences("The talks were held in the U.S. The next round is in Beijing.")
            .ShouldBe(["The talks were held in the U.S.", "The next round is in Beijing."]);

    [Fact]
    public void Analyze_AbbreviationTokens_KeepTheirPeriods()
    {
        var tokens = Tokens("U.S. and H.K. officials met Mr. Li at 9 a.m. on Dec. 9 for No. 1 talks.");
        tokens.ShouldContain("U.S.");
        tokens.ShouldContain("H.K.");
        tokens.ShouldContain("Mr.");
        tokens.ShouldContain("a.m.");
        tokens.ShouldContain("Dec.");
        tokens.ShouldContain("No.");
        KindOf("Mr. Li left.", "Mr.").ShouldBe(TokenKind.Abbreviation);
    }

    [Fact]
    public void Analyze_NoBeforeWord_IsNotAnAbbreviation() =>
        Sentences("He said No. Then he left.").ShouldBe(["He said No.", "Then he left."]);

    [Theory]
    [InlineData("revenue of 987 million yuan", "987")]
    [InlineData("growth of 2.51% last year", "2.51")]
    [InlineData("a total of 33,403 people", "33,403")]
    [InlineData("some 1.4 billion people", "1.4")]
    [InlineData("a $5.2bn deal", "5.2")]
    [InlineData("up 17 per cent", "17")]
    [InlineData("at 10:30 on Monday", "10:30")]
    [InlineData("in the 1990s", "1990s")]
    [InlineData("on the 10th floor", "10th")]
    public void Analyze_NumbersAndMoney_OneNumberToken(string text, string number)
    {
        Tokens(text).ShouldContain(number);
        KindOf(text, number).ShouldBe(TokenKind.Number);
    }

    [Fact]
    public void Analyze_MoneyAndPercent_SymbolsSeparate()
    {
        Tokens("a $5.2bn deal").ShouldBe(["a", "$", "5.2", "bn", "deal"]);
        Tokens("rose 2.51%.").ShouldBe(["rose", "2.51", "%", "."]);
        KindOf("rose 2.51%.", "%").ShouldBe(TokenKind.Symbol);
    }

    [Fact]
    public void Analyze_DateWithoutSpaceAfterComma_StaysOneSentence()
    {
        const string text = "In a news release on December 9,2019, the office said all had graduated.";
        Sentences(text).Length.ShouldBe(1);
        Tokens(text).ShouldContain("9");
        Tokens(text).ShouldContain("2019");
    }

    [Fact]
    public void Analyze_MissingSpaceAfterPeriod_SplitsSentences() =>
        Sentences("Xinjiang has improved year by year.By the end of 2020, all will be lifted.")
            .ShouldBe(["Xinjiang has improved year by year.", "By the end of 2020, all will be lifted."]);

    [Fact]
    public void Analyze_QuoteMarkWithoutSpace_IsSeparateToken()
    {
        const string text = "The project had been“planned for years”.";
        var tokens = Tokens(text);
        tokens.ShouldContain("been");
        tokens.ShouldContain("“");
        tokens.ShouldContain("planned");
        KindOf(text, "“").ShouldBe(TokenKind.OpenQuote);
        KindOf(text, "”").ShouldBe(TokenKind.CloseQuote);
    }

    [Fact]
    public void Analyze_CommaWithoutSpace_SplitsTokens() =>
        Tokens("the impact of COVID-19,African economies").ShouldBe(["the", "impact", "of", "COVID-19", ",", "African", "economies"]);

    [Fact]
    public void Analyze_ApostrophesAndPossessives_StayInWords()
    {
        Tokens("China’s don't").ShouldBe(["China’s", "don't"]);
        KindOf("the students’ rights", "’").ShouldBe(TokenKind.Punctuation);
    }

    [Fact]
    public void Analyze_EllipsisAndDashes_AreTokens()
    {
        const string text = "We will … see – maybe — soon... Then more.";
        KindOf(text, "…").ShouldBe(TokenKind.Ellipsis);
        KindOf(text, "–").ShouldBe(TokenKind.Dash);
        KindOf(text, "—").ShouldBe(TokenKind.Dash);
        KindOf(text, "...").ShouldBe(TokenKind.Ellipsis);
        Sentences(text).ShouldBe(["We will … see – maybe — soon...", "Then more."]);
    }

    [Fact]
    public void Analyze_QuestionInsideQuote_ContinuesWithLowercase() =>
        Sentences("“Why now?” she asked. “Because it is time.”")
            .ShouldBe(["“Why now?” she asked.", "“Because it is time.”"]);

    [Fact]
    public void Analyze_UrlsAndDomains_AreOneToken()
    {
        const string text = "See www.xinhuanet.com or https://example.org/a.html. Next.";
        Tokens(text).ShouldContain("www.xinhuanet.com");
        Tokens(text).ShouldContain("https://example.org/a.html");
        Sentences(text).Length.ShouldBe(2);
    }

    [Fact]
    public void Analyze_Blocks_SentencesNeverCrossBlocks()
    {
        const string text = "Vocational training\n\nThe centres opened in 2017\n\n• Cotton output rose\n• Exports fell";
        var blocks = new List<Block>
        {
            new(BlockKind.Heading, new TextSpan(0, 19)),
            new(BlockKind.Paragraph, new TextSpan(21, 26)),
            new(BlockKind.ListItem, TextSpan.FromBounds(49, text.Length)),
        };
        var analysis = Analyzer.Analyze(text, blocks, CancellationToken.None);
        analysis.Sentences.Select(s => s.Span.Slice(text)).ShouldBe(["Vocational training", "The centres opened in 2017", "Cotton output rose", "Exports fell"]);
        analysis.Sentences.Select(s => s.Block).ShouldBe([0, 1, 2, 2]);
        analysis.Tokens.Count(t => t.Kind == TokenKind.Bullet).ShouldBe(2);
        foreach (var s in analysis.Sentences)
        {
            var block = blocks[s.Block].Span;
            (s.Span.Start >= block.Start && s.Span.End <= block.End).ShouldBeTrue();
        }
    }

    [Theory]
    [InlineData("Q1: What is the purpose of the centres?", "Q1:", "What is the purpose of the centres?")]
    [InlineData("Q3:There are many reasons.", "Q3:", "There are many reasons.")]
    [InlineData("A: They are schools.", "A:", "They are schools.")]
    [InlineData("Xu Guixiang: This question goes to the core.", "Xu Guixiang:", "This question goes to the core.")]
    public void Analyze_TranscriptLine_LabelIsSeparateAndSentenceStartsAfterIt(string text, string label, string sentence)
    {
        var analysis = Analyzer.Analyze(text);
        analysis.Blocks.Single().SpeakerLabel!.Value.Slice(text).ShouldBe(label);
        analysis.Sentences[0].Span.Slice(text).ShouldBe(sentence);
        analysis.Tokens.Where(t => t.Span.End <= label.Length).Select(t => t.Text(text)).Last().ShouldBe(":");
    }

    [Fact]
    public void Analyze_QuotedTranscriptTurn_CapitalsLabelAfterTheOpeningMark()
    {
        const string text = "\"MAYOR: The harbour will reopen in spring.\n\n\"REPORTER: When exactly?";
        var analysis = Analyzer.Analyze(text);
        analysis.Blocks.Select(b => b.SpeakerLabel?.Slice(text)).ShouldBe(["MAYOR:", "REPORTER:"]);
        analysis.Sentences[0].Span.Slice(text).ShouldBe("The harbour will reopen in spring.");
    }

    [Fact]
    public void Analyze_QuoteOpeningWithMixedCaseColon_NoLabel()
    {
        const string text = "\"Mayor Lopez: a life in the harbour\" opens on Friday.";
        Analyzer.Analyze(text).Blocks.Single().SpeakerLabel.ShouldBeNull();
    }

    [Theory]
    [InlineData("Note: the figures are provisional.")]
    [InlineData("The reason is simple: money.")]
    [InlineData("Update: 10:30 the talks resumed.")]
    public void Analyze_NonSpeakerColon_NoLabel(string text) => Analyzer.Analyze(text).Blocks.Single().SpeakerLabel.ShouldBeNull();

    [Fact]
    public void Analyze_QuoteWithSeveralSentences_TracksDepth()
    {
        const string text = "“We will win. We are strong. Nobody can stop us,” he said. Then he left.";
        var analysis = Analyzer.Analyze(text);
        analysis.Sentences.Select(s => s.Span.Slice(text)).ShouldBe(
            ["“We will win.", "We are strong.", "Nobody can stop us,” he said.", "Then he left."]);
        analysis.Sentences.Select(s => s.QuoteDepthAtStart).ShouldBe([0, 1, 1, 0]);
        analysis.Sentences.Select(s => s.QuoteDepthAtEnd).ShouldBe([1, 1, 0, 0]);
        var quote = analysis.Quotations.Single();
        quote.IsClosed.ShouldBeTrue();
        quote.Span.Slice(text).ShouldBe("“We will win. We are strong. Nobody can stop us,”");
    }

    [Theory]
    [InlineData("The mayor said “the road was closed ")]
    [InlineData("The mayor said “the road was closed \t \n")]
    [InlineData("The mayor said “the road was closed  \n\nLater that day it rained.")]
    public void Analyze_UnclosedQuoteBeforeTrailingWhitespace_EndsAtLastWord(string text)
    {
        var quote = Analyzer.Analyze(text).Quotations.Single();

        quote.IsClosed.ShouldBeFalse();
        quote.Span.Slice(text).ShouldBe("“the road was closed");
        quote.Segments.Single().Slice(text).ShouldBe("“the road was closed");
    }

    [Fact]
    public void Analyze_QuoteOverTwoParagraphs_StaysOpenAcrossTheBreak()
    {
        const string text = "He said: “The centres are schools. They teach law.\n\n“Graduates find jobs,” he added.\n\nOthers disagreed.";
        var analysis = Analyzer.Analyze(text);
        var sentences = analysis.Sentences;
        sentences.Select(s => s.Span.Slice(text)).ShouldBe(
            ["He said: “The centres are schools.", "They teach law.", "“Graduates find jobs,” he added.", "Others disagreed."]);
        sentences.Select(s => s.QuoteDepthAtStart).ShouldBe([0, 1, 1, 0]);
        var quote = analysis.Quotations.Single();
        quote.IsClosed.ShouldBeTrue();
        quote.Segments.Count.ShouldBe(2);
        quote.Segments[1].Slice(text).ShouldBe("“Graduates find jobs,”");
        quote.Span.Slice(text).ShouldStartWith("“The centres");
        quote.Span.Slice(text).ShouldEndWith("jobs,”");
    }

    [Fact]
    public void Analyze_UnclosedQuoteNotReopened_EndsAtParagraph()
    {
        const string text = "He said “the plan is good.\n\nOthers disagreed.";
        var analysis = Analyzer.Analyze(text);
        analysis.Sentences[1].QuoteDepthAtStart.ShouldBe(0);
        var quote = analysis.Quotations.Single();
        quote.IsClosed.ShouldBeFalse();
        quote.Span.Slice(text).ShouldBe("“the plan is good.");
    }

    [Fact]
    public void Analyze_NestedAndStraightQuotes_Tracked()
    {
        const string text = "\"He told me 'never again,' and left,\" she said.";
        var analysis = Analyzer.Analyze(text);
        analysis.Quotations.Count.ShouldBe(2);
        analysis.Quotations.Select(q => q.Depth).ShouldBe([1, 2]);
        analysis.Quotations.ShouldAllBe(q => q.IsClosed);
        analysis.Quotations[1].Span.Slice(text).ShouldBe("'never again,'");
    }

    [Fact]
    public void Analyze_PtbQuotes_Recognised()
    {
        const string text = "``It was definitely a bomb,'' said an official.";
        var analysis = Analyzer.Analyze(text);
        analysis.Quotations.Single().Span.Slice(text).ShouldBe("``It was definitely a bomb,''");
    }

    [Fact]
    public void Analyze_StraightQuoteMissingSpace_StillOpensQuote()
    {
        const string text = "A journalist said\" the media lied. They were wrong.\" Then he left.";
        var analysis = Analyzer.Analyze(text);
        analysis.Sentences.Select(s => s.QuoteDepthAtStart).ShouldBe([0, 1, 0]);
        analysis.Quotations.Single().IsClosed.ShouldBeTrue();
    }
}
