using Storyline.Briefing.Selection;

namespace Storyline.Tests.Briefing.Selection;

public class SentenceTrimmerTests
{
    [Theory]
    [InlineData("NAIROBI, Kenya (AP) _ FBI agents this week began questioning relatives of the victims, a U.S. official said.",
        "FBI agents this week began questioning relatives of the victims, a U.S. official said.")]
    [InlineData("WASHINGTON -- The Senate passed the bill on a vote of 60 to 40.", "The Senate passed the bill on a vote of 60 to 40.")]
    [InlineData("LONDON (Reuters) - Britain's central bank held rates.", "Britain's central bank held rates.")]
    [InlineData("Anwar, 51, was arrested Sept. 20 under the Internal Security Act.", "Anwar was arrested Sept. 20 under the Internal Security Act.")]
    public void Trim_WireFurniture_Removed(string sentence, string expected) => SentenceTrimmer.Trim(sentence).ShouldBe(expected);

    [Theory]
    [InlineData("NATO said the strikes would go ahead, officials said.")]
    [InlineData("U.S. officials said on Nov. 16, 1998, that talks had failed.")]
    [InlineData("The company _ the Internet media business _ grew fast.")]
    [InlineData("Hun Sen's party won 64 of the 122 seats, short of the two-thirds majority, officials said.")]
    public void Trim_NoWireFurniture_SentenceUnchanged(string sentence) => SentenceTrimmer.Trim(sentence).ShouldBe(sentence);

    [Theory]
    [InlineData("Europe's top official said Friday that he hoped Pinochet would be extradited.", "Europe's top official said that he hoped Pinochet would be extradited.")]
    [InlineData("Rebels clashed with government troops near an airstrip on Sunday.", "Rebels clashed with government troops near an airstrip.")]
    [InlineData("Police detained him late Friday, acting on a warrant from judge Baltasar Garzon on Friday.", "Police detained him late Friday, acting on a warrant from judge Baltasar Garzon on Friday.")]
    [InlineData("The New York Times said in an editorial for Wednesday, Nov. 25, that the deal mattered.", "The New York Times said in an editorial for Wednesday, Nov. 25, that the deal mattered.")]
    public void Trim_DayOfPublicationUnknown_BareWeekdaysRemoved(string sentence, string expected) => SentenceTrimmer.Trim(sentence, undatedDay: true).ShouldBe(expected);

    [Fact]
    public void Trim_DayOfPublicationKnown_WeekdaysKept() =>
        SentenceTrimmer.Trim("Europe's top official said Friday that he hoped Pinochet would be extradited.").ShouldBe("Europe's top official said Friday that he hoped Pinochet would be extradited.");
}
