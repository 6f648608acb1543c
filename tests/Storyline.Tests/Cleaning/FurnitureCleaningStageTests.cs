using Storyline.Documents;
using Storyline.Tests.TestSupport;

namespace Storyline.Tests.Cleaning;

/// <summary>One rule at a time, on short invented pastes run through the default pipeline.</summary>
public sealed class FurnitureCleaningStageTests
{
    private const string First = "The ministry said on Monday that the new rules would take effect next month across the country.";
    private const string Second = "Officials expect the change to affect several thousand companies that trade with the region.";

    private static List<string> Body(string text) => Cleaner.Clean(text).BlockTexts();

    [Fact]
    public void Process_SentenceCaseHeadlineNamingSomeoneBetweenParagraphs_IsDropped()
    {
        Body($"{First}\n\nMinistry to review export licences for Harbour Steel\n\n{Second}").ShouldBe([First, Second]);
    }

    [Fact]
    public void Process_TitleCaseShortLineBetweenParagraphs_BecomesHeading()
    {
        var doc = Cleaner.Clean($"{First}\n\nThe Road to Reform\n\n{Second}");
        doc.BlockTexts(BlockKind.Heading).ShouldBe(["The Road to Reform"]);
        doc.Blocks.Count.ShouldBe(3);
    }

    [Fact]
    public void Process_SentenceCaseNounPhraseSubheading_IsKeptAsHeading()
    {
        var doc = Cleaner.Clean($"{First}\n\nThe situation in the camps\n\n{Second}");
        doc.BlockTexts(BlockKind.Heading).ShouldBe(["The situation in the camps"]);
    }

    [Fact]
    public void Process_HeadlineInterruptingAnOpenQuote_IsDroppedEvenInTitleCase()
    {
        const string open = "“We will not back down,” the minister said. “The rules are fair and they will stay.";
        const string rest = "“Anyone who says otherwise has not read them.”";
        Body($"{First}\n\n{open}\n\nMinister Vows to Defend Rules\n\n{rest}").ShouldBe([First, open, rest]);
    }

    [Fact]
    public void Process_LineFollowedByLowerCaseContinuation_IsDropped()
    {
        const string cut = "The new rules, which were drafted over two years and revised twice after public consultation, will apply to";
        const string tail = "every importer registered in the country, the ministry said.";
        Body($"{First}\n\n{cut}\n\nRead the Full Text\n\n{tail}").ShouldBe([First, cut, tail]);
    }

    [Fact]
    public void Process_VideoDurationThenTitleOnce_DropsBoth()
    {
        Body($"{First}\n\n12:05\n\nInside the port where the new rules will bite first\n\n{Second}").ShouldBe([First, Second]);
    }

    [Fact]
    public void Process_HeadlineRepeatedInBody_IsDropped()
    {
        const string related = "Customs officers seize record haul at border crossing";
        Body($"{First}\n\n{related}\n{related}\n\n{Second}").ShouldBe([First, Second]);
    }

    [Fact]
    public void Process_CommentFormAfterArticle_TruncatesEverythingAfter()
    {
        Body($"{First}\n\n{Second}\n\nLeave a comment\n\nJohn: I disagree with this entirely and will write to my MP about it.").ShouldBe([First, Second]);
    }

    [Fact]
    public void Process_CommentPhraseBeforeAnyParagraph_DoesNotTruncate()
    {
        Body($"Add a comment\n\n{First}\n\n{Second}").ShouldBe([First, Second]);
    }

    [Fact]
    public void Process_ShortLedeFollowedByParagraph_StaysInBody()
    {
        var doc = Cleaner.Clean($"Ministry sets date for new export rules\n\n{First}\n\n{Second}");
        doc.Metadata.Title.ShouldBe("Ministry sets date for new export rules");
        doc.Metadata.Summary.ShouldBeEmpty();
        doc.BlockTexts().ShouldBe([First, Second]);
    }

    [Fact]
    public void Process_LongLedeFollowedByCaption_StaysInBody()
    {
        const string lede = "The ministry said on Monday that the new export rules, drafted over two years of consultation with traders, would take effect next month across the whole country.";
        var doc = Cleaner.Clean($"Ministry sets date for new export rules\n\n{lede}\nContainers at the port. Photo: Reuters\n{Second}");
        doc.Metadata.Summary.ShouldBeEmpty();
        doc.Metadata.Captions.ShouldBe(["Containers at the port. Photo: Reuters"]);
        doc.BlockTexts().ShouldBe([lede, Second]);
    }

    [Fact]
    public void Process_ShortBulletsInList_StayListItems()
    {
        var doc = Cleaner.Clean($"{First}\n\n• Harbour Steel\n• Coastal Mining\n• Delta Textiles\n\n{Second}");
        doc.BlockTexts(BlockKind.ListItem).ShouldBe(["Harbour Steel", "Coastal Mining", "Delta Textiles"]);
        doc.BlockTexts(BlockKind.Heading).ShouldBeEmpty();
    }

    [Fact]
    public void Process_TrailingTagsAndCounts_AreDropped()
    {
        Body($"{First}\n\n{Second}\n\nTrade\nExports\n1,024\n17").ShouldBe([First, Second]);
    }

    [Fact]
    public void Process_GluedSentences_AreLeftUntouched()
    {
        const string glued = "Output rose year by year.By the end of 2020, the plant employed 3,000 people.";
        Body($"{First}\n\n{glued}").ShouldBe([First, glued]);
    }
}
