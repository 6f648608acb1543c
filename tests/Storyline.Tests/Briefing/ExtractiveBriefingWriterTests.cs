using System.Text;
using Storyline.Briefing;
using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Tests.Briefing;

public class ExtractiveBriefingWriterTests
{
    private static readonly DocumentPipeline Pipeline = DocumentPipeline.CreateDefault();

    private static AnalysedDocument Doc(long id, long development, string published, string text)
    {
        var input = new RawInput($"doc{id}.txt", null, "text/plain", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch,
            new InputHints(Published: DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture)));
        var stored = new StoredDocument(id, input.Name, null, Pipeline.Process(input), null, DateTimeOffset.UnixEpoch);
        return AnalysedDocument.Analyse(stored, development);
    }

    private static List<AnalysedDocument> Story() =>
    [
        Doc(1, 1, "2020-07-10", "Washington sanctions Xinjiang officials\n\nThe United States on Thursday imposed sanctions on four officials in Xinjiang over the detention of Uygurs, the Treasury Department said.\n\n“These measures hold abusers to account,” Secretary of State Mike Pompeo said in a statement.\n\nAnalysts said the move was likely to strain relations between Washington and Beijing further."),
        Doc(2, 1, "2020-07-11", "China vows reciprocal action\n\nChina said on Friday it would take reciprocal action against American institutions after the sanctions on Xinjiang officials.\n\nHe also urged the US to withdraw the measures, which he called a gross interference.\n\nThe foreign ministry spokesman did not give details of the measures Beijing was planning."),
        Doc(3, 3, "2022-09-01", "UN report on Xinjiang\n\nThe United Nations human rights office released a report on Wednesday that found serious human rights violations in Xinjiang, according to the report's summary.\n\nBeijing rejected the report as a politicised document and said it was based on lies.\n\nThe findings could have a significant impact on how governments deal with companies that source cotton from Xinjiang."),
    ];

    [Fact]
    public void Write_Story_HasEverySectionAndEverySentenceCitesRealText()
    {
        var docs = Story();
        var briefing = new ExtractiveBriefingWriter().Write(7, docs, []);
        briefing.Sections.Select(s => s.Title).Take(4).ShouldBe([SectionTitles.ExecutiveSummary, SectionTitles.StorySoFar, SectionTitles.WhyThisMatters, SectionTitles.WhoThinksWhat]);
        briefing.Headline.ShouldBe("UN report on Xinjiang");
        foreach (var sentence in briefing.Sections.SelectMany(s => s.Sentences).Append(briefing.Summary))
        {
            sentence.Citations.ShouldNotBeEmpty();
            foreach (var c in sentence.Citations)
            {
                var doc = docs.Single(d => d.Document.Id == c.DocumentId);
                c.Span.End.ShouldBeLessThanOrEqualTo(doc.Text.Length);
                sentence.Text.ShouldContain(c.Span.Slice(doc.Text).Trim());
            }
        }
    }

    [Fact]
    public void Write_Story_ExecutiveSummaryIsAboutTheLatestDevelopment()
    {
        var briefing = new ExtractiveBriefingWriter().Write(7, Story(), []);
        briefing.Sections[0].Sentences.ShouldAllBe(s => s.Citations.All(c => c.DocumentId == 3));
        briefing.Sections[1].Sentences.ShouldAllBe(s => s.Citations.All(c => c.DocumentId != 3));
    }

    [Fact]
    public void Write_Story_LeavesOutUnattributedQuotesAndPronounOpeners()
    {
        var briefing = new ExtractiveBriefingWriter().Write(7, Story(), []);
        var texts = briefing.Sections.SelectMany(s => s.Sentences).Select(s => s.Text).ToList();
        texts.ShouldNotContain(t => t.StartsWith("He also urged", StringComparison.Ordinal));
        texts.Where(t => t.Contains('“', StringComparison.Ordinal)).ShouldAllBe(t => t.Contains(" said", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_TranscriptAnswers_AreNotStatedAsFact()
    {
        var doc = Doc(9, 9, "2020-08-27", "Press conference on trade\n\nThe ministry held a press conference on trade on Thursday with three officials answering questions.\n\nQ1: What is your response to the tariffs?\n\nA: The tariffs are a farce and they violate every rule of international trade.\n\nThe economy grew by 7 per cent in 2019 and employment rose in every single province of the country.");
        var briefing = new ExtractiveBriefingWriter().Write(1, [doc], []);
        var texts = briefing.Sections.SelectMany(s => s.Sentences).Select(s => s.Text).ToList();
        texts.ShouldNotContain(t => t.Contains("farce", StringComparison.Ordinal));
        texts.ShouldNotContain(t => t.Contains("economy grew", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_Statements_OneWhoThinksWhatBulletPerCamp()
    {
        var docs = Story();
        var statements = new List<Statement>
        {
            new("Mike Pompeo", "US Secretary of State", "US government", "These measures hold abusers to account", new Citation(1, new TextSpan(0, 10)), Verbatim: true),
            new("Zhao Lijian", "foreign ministry spokesman", "Chinese government", "China will take reciprocal action", new Citation(2, new TextSpan(0, 10))),
        };
        var who = new ExtractiveBriefingWriter().Write(7, docs, statements).Sections.Single(s => s.Title == SectionTitles.WhoThinksWhat);
        who.Sentences.Count.ShouldBe(2);
        who.Sentences.ShouldContain(s => s.Text == "US government (Mike Pompeo, US Secretary of State): Mike Pompeo, US Secretary of State, says: “These measures hold abusers to account”");
        who.Sentences.ShouldContain(s => s.Text == "Chinese government (Zhao Lijian, foreign ministry spokesman): Zhao Lijian, foreign ministry spokesman, says that China will take reciprocal action");
    }

    [Theory]
    [InlineData("The so-called centres are camps", "says that the so-called centres are camps")]
    [InlineData("These measures hold abusers to account", "says that these measures hold abusers to account")]
    [InlineData("China will take reciprocal action", "says that China will take reciprocal action")]
    [InlineData("We will take reciprocal action", "says that We will take reciprocal action")]
    public void Write_ReportedStatementOpeningASentence_ReadsOnAfterSaysThat(string content, string expected)
    {
        var statements = new List<Statement> { new("Zhao Lijian", null, "Chinese government", content, new Citation(2, new TextSpan(0, 10))) };
        var who = new ExtractiveBriefingWriter().Write(7, Story(), statements).Sections.Single(s => s.Title == SectionTitles.WhoThinksWhat);
        who.Sentences.Single().Text.ShouldEndWith(expected);
    }

    private static Citation At(AnalysedDocument doc, string part) => new(doc.Document.Id, new TextSpan(doc.Text.IndexOf(part, StringComparison.Ordinal), part.Length));

    [Fact]
    public void Write_ReportedStatementWithNamedSource_BulletIsTheSourceSentence()
    {
        var docs = Story();
        const string content = "it would take reciprocal action against American institutions after the sanctions on Xinjiang officials";
        var statements = new List<Statement> { new("China", null, "Chinese government", content, At(docs[1], content), new Citation(2, new TextSpan(docs[1].Text.IndexOf("China said", StringComparison.Ordinal), 5))) };
        var bullet = new ExtractiveBriefingWriter().Write(7, docs, statements).Sections.Single(s => s.Title == SectionTitles.WhoThinksWhat).Sentences.Single();
        bullet.Text.ShouldBe("Chinese government (China): China said on Friday it would take reciprocal action against American institutions after the sanctions on Xinjiang officials.");
        var citation = bullet.Citations.Single();
        docs[1].Text[citation.Span.Start..citation.Span.End].ShouldBe(bullet.Text["Chinese government (China): ".Length..]);
    }

    [Fact]
    public void Write_StatementOfSeveralParagraphs_BulletQuotesItsOpeningAndCitesJustThat()
    {
        // A transcript's answer runs to paragraphs: the bullet quotes its first sentences, up to about fifty words, and says it is cut.
        var first = "Xinjiang’s affairs are purely China’s internal affairs, and no external force has the right to interfere in them.";
        var second = "The so-called sanctions are a stark hegemonic act that violates the basic norms governing international relations between states.";
        var rest = string.Join(" ", Enumerable.Range(1, 6).Select(i => $"Point {i} of the answer repeats that the region has adhered to the rule of law for many years."));
        var answer = $"{first} {second}\n\n{rest}";
        var doc = Doc(1, 1, "2020-08-27", "Press conference on Xinjiang\n\nElijan Anayit: " + answer);
        var statements = new List<Statement> { new("Elijan Anayit", "spokesperson", "Chinese government", answer, At(doc, answer), Verbatim: true) };

        var bullet = new ExtractiveBriefingWriter().Write(7, [doc], statements).Sections.Single(s => s.Title == SectionTitles.WhoThinksWhat).Sentences.Single();

        bullet.Text.ShouldBe($"Chinese government (Elijan Anayit, spokesperson): Elijan Anayit, spokesperson, says: “{first} {second} …”");
        var citation = bullet.Citations.Single();
        doc.Text[citation.Span.Start..citation.Span.End].ShouldBe($"{first} {second}");
    }

    [Fact]
    public void Write_CampHeardOnlyInFragments_IsLeftOut()
    {
        var docs = Story();
        var statements = new List<Statement>
        {
            new("Zhao Lijian", "foreign ministry spokesman", "Chinese government", "China will take reciprocal action", new Citation(2, new TextSpan(0, 10))),
            new("NGO", null, "Rights groups", "by the US government", new Citation(2, new TextSpan(12, 10))),
        };
        var who = new ExtractiveBriefingWriter().Write(7, docs, statements).Sections.Single(s => s.Title == SectionTitles.WhoThinksWhat);
        who.Sentences.ShouldHaveSingleItem().Text.ShouldStartWith("Chinese government");
    }

    [Fact]
    public void Write_AnonymousSpeaker_DescriptionNotRepeatedAsRole()
    {
        var statements = new List<Statement> { new("an unnamed trade specialist", "trade specialist", "Academics and analysts", "The tariffs will hurt both economies badly", new Citation(1, new TextSpan(0, 10)), Verbatim: true) };
        var who = new ExtractiveBriefingWriter().Write(7, Story(), statements).Sections.Single(s => s.Title == SectionTitles.WhoThinksWhat);
        who.Sentences.Single().Text.ShouldBe("Academics and analysts (an unnamed trade specialist): an unnamed trade specialist says: “The tariffs will hurt both economies badly”");
    }

    private static List<AnalysedDocument> DatedStory() =>
    [
        Doc(1, 1, "2020-07-10", "Sanctions\n\nOn July 9, the US Treasury imposed sanctions on four Xinjiang officials over the detention of Uygurs.\n\nIn May, the Commerce Department blacklisted seven Chinese companies over abuses in the region."),
        Doc(2, 2, "2021-03-22", "Allies join\n\nOn March 22, the European Union, Britain and Canada imposed sanctions on officials in Xinjiang over the detention of Uygurs."),
        Doc(3, 3, "2022-09-01", "UN report on Xinjiang\n\nThe United Nations human rights office released a report on Wednesday that found serious human rights violations in Xinjiang, according to the report's summary."),
    ];

    [Fact]
    public void Write_TimelineOfItsDocumentsGiven_SameBriefingAsBuildingIt()
    {
        var docs = DatedStory();
        var built = MarkdownBriefingRenderer.Render(new ExtractiveBriefingWriter().Write(7, docs, []));
        MarkdownBriefingRenderer.Render(new ExtractiveBriefingWriter().Write(7, docs, [], new TimelineBuilder().Build(docs))).ShouldBe(built);
    }

    [Fact]
    public void Write_EarlierDevelopments_ChronologyOneEntryEachOldestFirstLedByDate()
    {
        var storySoFar = new ExtractiveBriefingWriter().Write(7, DatedStory(), []).Sections.Single(s => s.Title == SectionTitles.StorySoFar).Sentences;
        storySoFar.Select(s => s.Citations.Single().DocumentId).ShouldBe([1L, 2L]);
        storySoFar[0].Text.ShouldStartWith("2020-07-10: ");
        storySoFar[1].Text.ShouldBe("2021-03-22: On March 22, the European Union, Britain and Canada imposed sanctions on officials in Xinjiang over the detention of Uygurs.");
    }

    [Fact]
    public void Write_DevelopmentOfSeveralArticles_ChronologyTakesItsMostCentralSentenceNotAnAside()
    {
        var docs = new List<AnalysedDocument>
        {
            Doc(1, 1, "2020-07-10", "Sanctions\n\nSautman was referring to Beijing's claims that sanctions on Xinjiang officials had no effect on the detention of Uygurs.\n\nThe United States imposed sanctions on Xinjiang officials over the detention of Uygurs in camps.\n\nA museum in the city reopened after renovation works that took two years."),
            Doc(2, 1, "2020-07-11", "Reaction\n\nThe move was condemned in Beijing as interference over the sanctions on Xinjiang officials.\n\nWashington's sanctions on Xinjiang officials over the detention of Uygurs drew protests in Beijing."),
            Doc(3, 3, "2022-09-01", "UN report\n\nThe United Nations human rights office released a report on Wednesday that found serious human rights violations in Xinjiang."),
        };
        var entry = new ExtractiveBriefingWriter().Write(7, docs, []).Sections.Single(s => s.Title == SectionTitles.StorySoFar).Sentences.ShouldHaveSingleItem();
        entry.Text.ShouldStartWith("2020-07-10: ");
        entry.Text.ShouldContain("sanctions on Xinjiang officials");
        entry.Text.ShouldNotContain("referring to");
        entry.Text.ShouldNotContain("The move");
        entry.Text.ShouldNotContain("museum");
    }

    [Theory]
    [InlineData("Sautman was referring to Beijing's claims in the past year that all trainees had been released.", true)]
    [InlineData("He also urged the US to withdraw the measures, which he called a gross interference.", true)]
    [InlineData("The move was condemned in Beijing as gross interference in China's internal affairs.", true)]
    [InlineData("In response, Beijing announced sanctions on four American lawmakers and a religious freedom envoy.", true)]
    [InlineData("Sanctions would cost jobs in the region, the official added, without giving figures.", true)]
    [InlineData("Three years later, in a contract arbitration, the agent would contend that the league conspired with the team.", true)]
    [InlineData("The next day the ministry summoned the ambassador to explain his president's statements.", true)]
    [InlineData("The United States imposed sanctions on four Xinjiang officials on Thursday.", false)]
    [InlineData("Three years of drought have left millions of farmers without a harvest, the agency said.", false)]
    [InlineData("Theresa May's government said the ban would apply from Monday.", false)]
    public void LeansOnNeighbours_Openers_AreDetected(string sentence, bool expected) =>
        ExtractiveBriefingWriter.LeansOnNeighbours(sentence).ShouldBe(expected);

    [Fact]
    public void Write_LatestArticleRepeatsItself_ExecutiveBulletsShareUnderAThirdOfTheirWords()
    {
        var docs = Story();
        docs.Add(Doc(4, 4, "2025-08-20", "Xi visits Xinjiang\n\nChinese President Xi Jinping arrived in Urumqi, Xinjiang, on Tuesday to attend celebrations for the 70th anniversary of the region’s founding.\n\n" +
            "The visit occurs under significant international scrutiny regarding alleged human rights abuses against ethnic Uyghurs, with the U.S. asserting the existence of internment camps, while Beijing denies abuses and claims its “vocational education centers” closed in 2019.\n\n" +
            "President Xi Jinping’s visit to Xinjiang occurs amidst significant international scrutiny and U.S. sanctions over alleged human rights abuses against ethnic Uyghurs, including claims of forced labor and a prolonged security crackdown that Beijing denies, asserting its “vocational education centers” were for counter-terrorism.\n\n" +
            "Xi urged officials to foster economic growth through competitive industrial clusters and technological innovation in the region.\n\n" +
            "Xinjiang officials have acknowledged that US sanctions have negatively impacted the local economy and employment in the region."));
        var briefing = new ExtractiveBriefingWriter().Write(7, docs, []);
        var bullets = briefing.Sections[0].Sentences.Select(s => s.Text).Prepend(briefing.Summary.Text).ToList();
        bullets.Count.ShouldBe(4);
        bullets.ShouldAllBe(b => docs[3].Text.Contains(b, StringComparison.Ordinal));
        for (int i = 0; i < bullets.Count; i++)
            for (int j = i + 1; j < bullets.Count; j++)
                Storyline.Briefing.Selection.ContentSelector.Overlap(bullets[i], bullets[j]).ShouldBeLessThan(0.35, $"{bullets[i]} / {bullets[j]}");
    }

    [Fact]
    public void Write_StakesSentenceLaterInStory_WhyThisMattersTakesItNotTheFirstUnusedSentence()
    {
        var docs = Story();
        docs.Add(Doc(5, 1, "2020-07-12", "More on the sanctions\n\nThe sanctions were published in the Federal Register shortly before midnight on Thursday evening local time.\n\n" +
            "The sanctions come at a sensitive time for Beijing, in the run-up to the party congress, and are expected to further strain relations with Western governments."));
        var why = new ExtractiveBriefingWriter().Write(7, docs, []).Sections.Single(s => s.Title == SectionTitles.WhyThisMatters).Sentences;
        why.ShouldContain(s => s.Text.StartsWith("The sanctions come at a sensitive time", StringComparison.Ordinal));
        why.ShouldNotContain(s => s.Text.Contains("shortly before midnight", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_CampMostlyDenies_WhoThinksWhatLeadsWithTheDenialNotTheLongestQuote()
    {
        var docs = Story();
        Statement Chinese(string speaker, string role, string text, int at) => new(speaker, role, "Chinese government", text, new Citation(2, new TextSpan(at, 10)), Verbatim: true);
        var statements = new List<Statement>
        {
            Chinese("Chen Weijun", "vice-chairman of the Xinjiang Uygur autonomous region", "Xinjiang is the forefront of my country’s opening to the west, with a vast domestic market of 1.4 billion people and access to international markets in Asia, Europe and Africa, and more and more Made in Xinjiang products are sold worldwide and are popular with consumers", 0),
            Chinese("Zhao Lijian", "foreign ministry spokesman", "There is no forced labour in Xinjiang and the accusations of forced labour are lies", 20),
            Chinese("Wang Wenbin", "foreign ministry spokesman", "The so-called forced labour in Xinjiang is a lie made up by anti-China forces", 40),
            Chinese("Xu Guixiang", "publicity official", "Workers in Xinjiang choose their jobs freely and forced labour is a lie", 60),
        };
        var bullet = new ExtractiveBriefingWriter().Write(7, docs, statements).Sections.Single(s => s.Title == SectionTitles.WhoThinksWhat).Sentences.ShouldHaveSingleItem();
        bullet.Text.ShouldContain("forced labour");
        bullet.Text.ShouldNotContain("Made in Xinjiang");
        bullet.Text.ShouldStartWith("Chinese government (");
        bullet.Text.ShouldContain("Zhao Lijian, foreign ministry spokesman");
    }

    [Fact]
    public void Write_NearDuplicateInStory_GivenTimelineIgnored()
    {
        var docs = DatedStory();
        var original = docs[0];
        docs.Add(original with { Document = original.Document with { Id = 4, DuplicateOf = 1 } });
        var built = MarkdownBriefingRenderer.Render(new ExtractiveBriefingWriter().Write(7, docs, []));
        // The background reads the originals' timeline, which the caller's (of every document) is not.
        MarkdownBriefingRenderer.Render(new ExtractiveBriefingWriter().Write(7, docs, [], [])).ShouldBe(built);
    }

    [Fact]
    public void TimelineBuilder_SameEventInTwoSources_MergedAndInDateOrder()
    {
        var docs = new List<AnalysedDocument>
        {
            Doc(1, 1, "2020-07-10", "Sanctions\n\nOn July 9, the US Treasury imposed sanctions on four Xinjiang officials over the detention of Uygurs.\n\nIn May, the Commerce Department blacklisted seven Chinese companies."),
            Doc(2, 1, "2020-07-11", "Reaction\n\nThe US Treasury imposed sanctions on four Xinjiang officials on July 9 over the detention of Uygurs."),
        };
        var events = new TimelineBuilder().Build(docs);
        events.Select(e => e.DateValue).ShouldBe(["2020-05", "2020-07-09"]);
        events[1].Sources.Select(s => s.DocumentId).ShouldBe([1L, 2L]);
    }
}

public class BriefingPropertyTests
{
    private static readonly string[] Words =
    [
        "officials", "said", "sanctions", "Beijing", "Washington", "report", "the", "on", "Tuesday", "“", "”", "he", "They", "in", "2019",
        "July", "9", "announced", "camps", "UN", "claimed", "according", "to", "analysts", "would", "impact", "economy", ",", ".", "?", "Q1:", "A:",
    ];

    [Fact]
    public void Write_RandomStories_EverySentenceHasCitationsInsideItsDocument()
    {
        var random = new Random(20261123);
        var pipeline = Storyline.Pipeline.DocumentPipeline.CreateDefault();
        for (int story = 0; story < 40; story++)
        {
            var docs = new List<AnalysedDocument>();
            for (int d = 0; d < random.Next(1, 5); d++)
            {
                var sb = new StringBuilder("Headline number ").Append(d).Append("\n\n");
                for (int p = 0; p < random.Next(1, 6); p++)
                {
                    for (int w = 0; w < random.Next(5, 60); w++) sb.Append(Words[random.Next(Words.Length)]).Append(' ');
                    sb.Append(".\n\n");
                }
                var input = new RawInput($"r{d}.txt", null, "text/plain", Encoding.UTF8.GetBytes(sb.ToString()), DateTimeOffset.UnixEpoch,
                    new InputHints(Published: new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(random.Next(0, 900))));
                ProcessedDocument processed;
                try { processed = pipeline.Process(input); }
                catch (Storyline.Pipeline.InputRejectedException) { continue; }
                docs.Add(AnalysedDocument.Analyse(new StoredDocument(d + 1, input.Name, null, processed, null, DateTimeOffset.UnixEpoch), random.Next(1, 3)));
            }
            if (docs.Count == 0) continue;
            var briefing = new ExtractiveBriefingWriter().Write(story, docs, []);
            foreach (var sentence in briefing.Sections.SelectMany(s => s.Sentences).Append(briefing.Summary))
            {
                sentence.Citations.ShouldNotBeEmpty();
                foreach (var c in sentence.Citations)
                {
                    var doc = docs.Single(x => x.Document.Id == c.DocumentId);
                    (c.Span.Start >= 0 && c.Span.Length > 0 && c.Span.End <= doc.Text.Length).ShouldBeTrue();
                }
            }
            var background = briefing.Sections.Single(s => s.Title == SectionTitles.StorySoFar);
            background.Sentences.Count.ShouldBeLessThanOrEqualTo(docs.Select(d => d.Development).Distinct().Count() - 1);
            var top = briefing.Sections[0].Sentences.Append(briefing.Summary).Select(s => s.Text).ToList();
            for (int i = 0; i < top.Count; i++)
                for (int j = i + 1; j < top.Count; j++) Storyline.Briefing.Selection.ContentSelector.Overlap(top[i], top[j]).ShouldBeLessThan(0.35);
        }
    }
}

public class BriefingClaimTests
{
    [Fact]
    public void IsUnattributedClaim_ContentWithoutItsSourceInSentence_IsTrue()
    {
        var claim = new Statement("Zhao Lijian", null, "Chinese government", "x", new Citation(1, new TextSpan(100, 50)), new Citation(1, new TextSpan(20, 11)));
        ExtractiveBriefingWriter.IsUnattributedClaim([claim], new TextSpan(90, 80)).ShouldBeTrue();
        ExtractiveBriefingWriter.IsUnattributedClaim([claim], new TextSpan(0, 200)).ShouldBeFalse();
        ExtractiveBriefingWriter.IsUnattributedClaim([claim], new TextSpan(300, 50)).ShouldBeFalse();
    }
}

public class UndatedBriefingTests
{
    private static AnalysedDocument Undated(long id, string text)
    {
        var input = new RawInput($"undated{id}.txt", null, "text/plain", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch, InputHints.None);
        // Ingested in the reverse of their order in time: only the estimates can put them right.
        var stored = new StoredDocument(id, input.Name, null, DocumentPipeline.CreateDefault().Process(input), null, DateTimeOffset.UnixEpoch.AddDays(-id));
        return AnalysedDocument.Analyse(stored, id);
    }

    [Fact]
    public void Write_UndatedArticles_BackgroundInEstimatedDateOrderAndMarkedEstimated()
    {
        var docs = new List<AnalysedDocument>
        {
            Undated(1, "Camps reported\n\nResearchers reported in 2018 that detention camps in Xinjiang held large numbers of Uygurs across the region."),
            Undated(2, "Sanctions imposed\n\nThe United States imposed sanctions on officials in Xinjiang in July 2020 over the detention of Uygurs in camps."),
            Undated(3, "Cotton ban\n\nA ban on cotton imports from Xinjiang over forced labour took effect in 2022 after a law was passed in Washington."),
        };
        docs.ShouldAllBe(d => d.Document.Content.Metadata.Published!.IsEstimate);
        var briefing = new ExtractiveBriefingWriter().Write(1, docs, []);
        var background = briefing.Sections.Single(s => s.Title == SectionTitles.StorySoFar).Sentences;
        background.Select(s => s.Citations[0].DocumentId).ShouldBe([1L, 2L]);
        background.Select(s => s.Text[..s.Text.IndexOf(':', StringComparison.Ordinal)]).ShouldBe(["2018 or later", "2020-07 or later"]);
        briefing.Sections[0].Sentences.ShouldAllBe(s => s.Citations.All(c => c.DocumentId == 3));
        var markdown = MarkdownBriefingRenderer.Render(briefing);
        markdown.ShouldNotContain("(estimated)");
        markdown.ShouldContain("2022 or later (latest date mentioned");
        briefing.Sources[1].PublishedLabel.ShouldStartWith("2018 or later (latest date mentioned");
    }
}

public class BriefingTrimmingTests
{
    private static AnalysedDocument Undated(long id, long development, string text, int ingestedDaysAgo)
    {
        var input = new RawInput($"wire{id}.txt", null, "text/plain", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch, InputHints.None);
        var stored = new StoredDocument(id, input.Name, null, DocumentPipeline.CreateDefault().Process(input), null, DateTimeOffset.UnixEpoch.AddDays(-ingestedDaysAgo));
        return AnalysedDocument.Analyse(stored, development);
    }

    [Fact]
    public void Write_WireCopy_DatelineAndWeekdayTrimmedCitationCoversTheWholeSentenceWireQuotesLeftOut()
    {
        var doc = Undated(1, 1, "NAIROBI, Kenya (AP) _ FBI agents began questioning relatives of the victims of the embassy bombing, a U.S. official said Thursday.\n\n"
            + "``We will find them wherever they are and bring them to justice for the embassy bombing.''\n\n"
            + "The embassy bombing killed 213 people in Nairobi and wounded thousands of passers-by in the city centre.", ingestedDaysAgo: 0);
        var briefing = new ExtractiveBriefingWriter().Write(1, [doc], []);
        briefing.Summary.Text.ShouldBe("FBI agents began questioning relatives of the victims of the embassy bombing, a U.S. official said.");
        var citation = briefing.Summary.Citations.Single();
        citation.Span.Slice(doc.Text).ShouldStartWith("NAIROBI, Kenya (AP) _ FBI agents");
        citation.Span.Slice(doc.Text).ShouldEndWith("said Thursday.");
        briefing.Sections.SelectMany(s => s.Sentences).ShouldAllBe(s => !s.Text.Contains("``"));
    }

    [Fact]
    public void Write_UndatedDevelopmentReportsAnothersNewsAsPast_ChronologyAndExecutiveSummaryFollowTheEvidence()
    {
        // Ingested in the wrong order: the reaction first. Its "after the sanctions on Xinjiang officials" puts it after the sanctions.
        var docs = new List<AnalysedDocument>
        {
            Undated(1, 10, "China retaliates\n\nChina said it would take reciprocal action against American institutions after the sanctions on Xinjiang officials.\n\n"
                + "The foreign ministry spokesman did not give details of the measures Beijing was planning.", ingestedDaysAgo: 2),
            Undated(2, 20, "Sanctions imposed\n\nThe United States imposed sanctions on four officials in Xinjiang over the detention of Uygurs, the Treasury Department said.\n\n"
                + "The officials include the region's party secretary, who oversaw the expansion of the camps.", ingestedDaysAgo: 1),
        };
        var briefing = new ExtractiveBriefingWriter().Write(1, docs, []);
        briefing.Summary.Citations.Single().DocumentId.ShouldBe(1);
        var entry = briefing.Sections.Single(s => s.Title == SectionTitles.StorySoFar).Sentences.ShouldHaveSingleItem();
        entry.Citations.Single().DocumentId.ShouldBe(2);
        entry.Text.ShouldStartWith("undated: ");
    }
}

public class BriefingScaleTests
{
    [Fact]
    public void Write_ManyDevelopments_AtMostTheConfiguredBodySectionsNewestFirst()
    {
        var pipeline = DocumentPipeline.CreateDefault();
        var docs = new List<AnalysedDocument>();
        for (int i = 1; i <= 8; i++)
        {
            var text = $"Development {i}\n\nOfficials in province number {i} announced a new inquiry into the handling of the {i}th case on the coast this week.";
            var input = new RawInput($"d{i}.txt", null, "text/plain", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch,
                new InputHints(Published: new DateTimeOffset(2020, 1, i, 0, 0, 0, TimeSpan.Zero)));
            docs.Add(AnalysedDocument.Analyse(new StoredDocument(i, input.Name, null, pipeline.Process(input), null, DateTimeOffset.UnixEpoch), i));
        }
        var briefing = new ExtractiveBriefingWriter(new BriefingOptions(DevelopmentSections: 3)).Write(1, docs, []);
        var body = briefing.Sections.Skip(4).ToList();
        body.Count.ShouldBeLessThanOrEqualTo(3);
        body.ShouldAllBe(s => s.Title != "Development 1");
    }
}
