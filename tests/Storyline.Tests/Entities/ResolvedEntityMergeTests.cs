using Storyline.Entities;

namespace Storyline.Tests.Entities;

public class ResolvedEntityMergeTests
{
    [Fact]
    public void Merge_PersonAcrossDocuments_LongestNameUnitedListsAndNoRoleAnotherEndsWith()
    {
        var merged = ResolvedEntity.Merge(
        [
            new("person:xi jinping", "Xi", EntityTypes.Person, ["President"], ["Communist Party"], []),
            new("person:xi jinping", "Xi Jinping", EntityTypes.Person, ["Chinese President", "party secretary"], ["communist party", "Beijing"], ["President Xi"]),
        ]);
        merged.Name.ShouldBe("Xi Jinping");
        merged.Roles.ShouldBe(["Chinese President", "party secretary"]);
        merged.Affiliations.ShouldBe(["Communist Party", "Beijing"]);
        merged.Aliases.ShouldBe(["President Xi", "Xi"]);
    }

    [Fact]
    public void Merge_Organisation_KeepsTheFirstName() =>
        ResolvedEntity.Merge(
        [
            new("org:un", "United Nations", EntityTypes.Organisation, [], [], []),
            new("org:un", "the United Nations human rights office", EntityTypes.Organisation, [], [], []),
        ]).Name.ShouldBe("United Nations");

    [Fact]
    public void Merge_Nothing_Refused() => Should.Throw<ArgumentException>(() => ResolvedEntity.Merge([]));
}
