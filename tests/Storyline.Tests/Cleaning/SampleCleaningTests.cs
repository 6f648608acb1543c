using Storyline.Documents;
using Storyline.Tests.TestSupport;

namespace Storyline.Tests.Cleaning;

/// <summary>Pins the cleaning of the five shared xinjiang samples: furniture gone, metadata in fields, every real paragraph kept.
/// Block counts were verified by hand against the pasted files.</summary>
public sealed class SampleCleaningTests
{
    // Page furniture seen across the samples; none of it may survive in any body.
    private static readonly string[] Furniture =
    [
        "Advertisement", "Get more with myNEWS", "A personalised news feed", "Learn more", "Home > News", "Add a comment",
        "Leave a Reply", "Your email address", "Secret Link", "Copyright scmp", "print edition", "Photo: AP", "Photo: AFP",
        "Photo: Kyodo", "Shutterstock", "03:47", "02:04", "01:57",
    ];

    private static ProcessedDocument Sample(string prefix) => Cleaner.CleanFile(SharedData.Sample(prefix));

    [Theory]
    [InlineData("000")]
    [InlineData("001")]
    [InlineData("002")]
    [InlineData("003")]
    [InlineData("004")]
    public void Process_Sample_LeavesNoFurnitureAndNoTitleInBody(string prefix)
    {
        var doc = Sample(prefix);
        foreach (var phrase in Furniture) doc.Text.ShouldNotContain(phrase, Case.Sensitive);
        doc.Metadata.Title.ShouldNotBeNull();
        doc.BlockTexts().ShouldNotContain(doc.Metadata.Title);
        foreach (var summary in doc.Metadata.Summary) doc.BlockTexts().ShouldNotContain(summary);
        foreach (var caption in doc.Metadata.Captions) doc.Text.ShouldNotContain(caption);
    }

    [Fact]
    public void Process_AggregatorBriefing000_KeepsSectionHeadingsAndBullets()
    {
        var doc = Sample("000");
        var m = doc.Metadata;
        m.Title.ShouldBe("Xi Jinping in Xinjiang: What China’s President Demands Amidst Human Rights Scrutiny and Economic Challenges");
        m.Summary.ShouldBe(["Xi Jinping visited Xinjiang, urging stability and economic growth amid human rights scrutiny."]);
        m.Captions.Count.ShouldBe(2);
        m.Captions[0].ShouldBe("Chinese President Xi Jinping stands with an EU flag behind him");
        m.Captions[1].ShouldEndWith("By Shutterstock.com / Alessia Pierdomenico.");
        m.Authors.ShouldBeEmpty();
        m.Sections.ShouldBeEmpty();

        doc.BlockTexts(BlockKind.Heading).ShouldBe(
        [
            "Executive Summary", "The Story So Far", "Why This Matters", "Who Thinks What?", "Directives on Stability and Ideology",
            "Economic Development Amidst Sanctions", "International Scrutiny and Beijing’s Stance", "High-Level Delegation and Strategic Focus",
        ]);
        doc.BlockTexts(BlockKind.ListItem).Count.ShouldBe(9);
        doc.BlockTexts(BlockKind.Paragraph).Count.ShouldBe(7);
        doc.Blocks.Count.ShouldBe(24);
        doc.BlockTexts(BlockKind.ListItem)[0].ShouldStartWith("Chinese President Xi Jinping visited Xinjiang for the region’s 70th anniversary");
        doc.Text.ShouldContain("instructed local cadres to prioritize overall social stability");
        doc.Text.ShouldEndWith("as part of the anniversary celebrations.");
    }

    [Fact]
    public void Process_PressConferenceTranscript001_KeepsTranscriptStructure()
    {
        var doc = Sample("001");
        var m = doc.Metadata;
        m.Title.ShouldBe("The 12th Press Conference on Xinjiang-related Issues");
        m.Captions.ShouldHaveSingleItem().ShouldStartWith("Photo taken on August 27, 2020 shows");
        m.Summary.ShouldBeEmpty();
        m.Authors.ShouldBeEmpty();

        var blocks = doc.BlockTexts();
        blocks.Count.ShouldBe(25);
        doc.Blocks.ShouldAllBe(b => b.Kind == BlockKind.Paragraph);
        blocks[0].ShouldStartWith("On August 27, 2020, the Information Office");
        blocks.ShouldContain("Reporter from China Daily");
        blocks.ShouldContain("Reporter from China Global Television Network (CGTN)");
        blocks.Count(b => b == "Xu Guixiang: This question goes to Elijan Anayit.").ShouldBe(2);
        blocks.ShouldContain(b => b.StartsWith("Host of press conference:", StringComparison.Ordinal));
        blocks.ShouldContain(b => b.StartsWith("Q3:There are media", StringComparison.Ordinal));
        blocks[^1].ShouldStartWith("The lies clamored by Western and US media outlets");
        // Glued sentences are left for the tokenizer, not cut or repaired here.
        doc.Text.ShouldContain("year by year.By the end of 2020");
    }

    [Fact]
    public void Process_ScmpPaste002_DropsVideosAndRelatedLinksKeepsEveryParagraph()
    {
        var doc = Sample("002");
        var m = doc.Metadata;
        m.Title.ShouldBe("UN’s Xinjiang human rights report expected to further strain relations between China and West");
        m.Sections.ShouldBe(["Human rights in China"]);
        m.Summary.Count.ShouldBe(2);
        m.Summary[0].ShouldStartWith("Beijing has rejected the conclusions of the report");
        m.Captions.Count.ShouldBe(3);
        m.Captions.ShouldContain("UN human rights chief Michelle Bachelet visited Xinjiang in May. Photo: AFP");

        doc.Text.ShouldNotContain("Leaked state documents describe");
        doc.Text.ShouldNotContain("visits far western Xinjiang region for first time in 8 years");
        doc.Text.ShouldNotContain("UN report finds it");
        doc.Text.ShouldNotContain("China to allow Turkish delegation");
        doc.Text.ShouldNotContain("261");

        var blocks = doc.BlockTexts();
        blocks.Count.ShouldBe(33);
        doc.Blocks.ShouldAllBe(b => b.Kind == BlockKind.Paragraph);
        blocks[0].ShouldStartWith("The United Nations report into Xinjiang");
        doc.Text.ShouldContain("“The attempt of some Western countries and anti-China forces");
        doc.Text.ShouldContain("“There are clearly aspects of Xinjiang’s governance");
        doc.Text.ShouldContain("“The claims of forced labour and consequent export restrictions");
        doc.Text.ShouldContain("One Chinese international affairs specialist, speaking on condition of anonymity");
        blocks[^1].ShouldStartWith("Wang said the UN rights office had");
    }

    [Fact]
    public void Process_ShortScmpArticle003_ReadsBylineCopyrightAndDuplicateHeadline()
    {
        var doc = Sample("003");
        var m = doc.Metadata;
        m.Title.ShouldBe("US sanctions hit job prospects in Xinjiang, local official admits for first time");
        m.Authors.ShouldBe(["Alcott Wei", "Xinlu Liang"]);
        m.Publisher.ShouldBe("South China Morning Post");
        m.Sections.ShouldBe(["Technology"]);
        m.Summary.ShouldBeEmpty();
        m.Captions.ShouldBeEmpty();

        var blocks = doc.BlockTexts();
        blocks.Count.ShouldBe(15);
        blocks[0].ShouldStartWith("A senior official with the Xinjiang regional government");
        doc.Text.ShouldContain("Washington has imposed a series of sanctions on businesses in Xinjiang since 2019.");
        blocks[^1].ShouldStartWith("In 2021, then vice-minister for foreign affairs Le Yucheng");
        doc.Text.ShouldNotContain("By Alcott Wei");
        blocks.ShouldNotContain("Technology");
    }

    [Fact]
    public void Process_ScmpPaste004_ReadsPrintNoteAndDropsTrailingJunk()
    {
        var doc = Sample("004");
        var m = doc.Metadata;
        m.Title.ShouldBe("China vows ‘reciprocal action’ against critics of Xinjiang policies after US sanctions move");
        m.Sections.ShouldBe(["Xinjiang"]);
        m.Publisher.ShouldBe("South China Morning Post");
        m.Summary.Count.ShouldBe(2);
        m.Summary[1].ShouldStartWith("It was responding to Washington’s sanctions");
        m.Captions.Count.ShouldBe(2);
        m.Captions[1].ShouldBe("Xinjiang party boss Chen Quanguo is among the Chinese officials sanctioned by the US. Photo: AFP");

        doc.Text.ShouldNotContain("US House passes Uygur law");
        doc.Text.ShouldNotContain("Mike Pompeo demands China end");
        doc.Text.ShouldNotContain("Beijing to retaliate against critics");

        var blocks = doc.BlockTexts();
        blocks.Count.ShouldBe(24);
        doc.Blocks.ShouldAllBe(b => b.Kind == BlockKind.Paragraph);
        blocks[0].ShouldStartWith("China has vowed to retaliate with “reciprocal” measures");
        doc.Text.ShouldContain("Shi Yinhong, an international relations expert at Renmin University of China");
        doc.Text.ShouldContain("Barry Sautman, an expert on China’s ethnic politics");
        blocks[^1].ShouldStartWith("General Li Shangfu, director of the Central Military Commission’s");
        blocks[^1].ShouldEndWith("in defiance of US sanctions on Russia.");
    }
}
