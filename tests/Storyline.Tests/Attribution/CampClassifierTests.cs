using Storyline.Attribution;

namespace Storyline.Tests.Attribution;

public class CampClassifierTests
{
    [Theory]
    [InlineData("foreign ministry spokesman", "China's foreign ministry", "Chinese government")]
    [InlineData("spokesman for the Chinese mission at the UN", "Chinese mission at the UN", "Chinese government")]
    [InlineData("US Secretary of State", null, "US government")]
    [InlineData("vice-chairman of the Xinjiang Uygur autonomous region", null, "Chinese government")]
    [InlineData("international relations professor at Renmin University", "Renmin University", "Academics and analysts")]
    [InlineData("an expert on China's ethnic politics at the Hong Kong University of Science and Technology", null, "Academics and analysts")]
    [InlineData("UN High Commissioner for Human Rights", null, "United Nations")]
    [InlineData("an award-winning journalist", null, "Journalists and media")]
    [InlineData("Beijing", null, "Chinese government")]
    [InlineData("Washington", null, "US government")]
    [InlineData("Some media outlets", null, "Journalists and media")]
    [InlineData("the U.S.", "United States", "US government")]
    [InlineData("Tehran", null, "Iranian government")]
    [InlineData("with the U.S.", "United States", "US government")]
    [InlineData("Beijing, however", "China", "Chinese government")]
    [InlineData("the Chinese", null, CampClassifier.Other)]
    [InlineData("a polling firm's research center", null, "Academics and analysts")]
    [InlineData("a local shopkeeper", null, CampClassifier.Other)]
    [InlineData("Communist Party secretary of Xinjiang", null, "Chinese government")]
    [InlineData("member of China's Politburo Standing Committee", null, "Chinese government")]
    [InlineData("governor of Xinjiang Uygur Autonomous Region", null, "Chinese government")]
    [InlineData("China's ambassador to the UN", null, "Chinese government")]
    [InlineData("Cai Qi", null, "Chinese government")]
    [InlineData("Wang Huning", null, "Chinese government")]
    [InlineData("UN Secretary-General", null, "United Nations")]
    public void Classify_RoleAndAffiliation_GivesCamp(string role, string? affiliation, string expected) =>
        CampClassifier.Default.Classify([role, affiliation]).ShouldBe(expected);

    [Fact]
    public void Classify_CustomFile_OverridesDefaults()
    {
        var classifier = new CampClassifier("# test\nClub management: manager, chairman\nFans: supporter, fan\n");
        classifier.Classify(["the club's manager"]).ShouldBe("Club management");
        classifier.Classify(["a season-ticket supporter"]).ShouldBe("Fans");
        classifier.Classify(["a referee"]).ShouldBe(CampClassifier.Other);
    }

    [Fact]
    public void Classify_GovernmentRoleWithoutCountry_TakesTheArticlesCountry() =>
        CampClassifier.Default.Classify(["provincial party secretary"], "Chinese").ShouldBe("Chinese government");

    [Fact]
    public void Classify_Nothing_IsOther() => CampClassifier.Default.Classify([null, " "]).ShouldBe(CampClassifier.Other);
}
