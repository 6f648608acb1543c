using Storyline.Cleaning;

namespace Storyline.Tests.Cleaning;

public sealed class LineRulesTests
{
    [Theory]
    [InlineData("Harbour workers walk past idle cranes. Photo: Reuters")]
    [InlineData("A mosque in Kashgar. Photo: AP Photo")]
    [InlineData("People queue outside the bank in Urumqi. (Xinhua/Wang Fei)")]
    [InlineData("A view of the new pier. [Photo/Xinhua]")]
    [InlineData("Photo taken on May 3, 2021 shows the new pier.")]
    [InlineData("The minister at a meeting in Rome. By Shutterstock.com / Jane Roe.")]
    [InlineData("Crowds gather in the square. Picture by Tom Poe")]
    public void TryCaption_CaptionWithCredit_IsRecognised(string line) => LineRules.TryCaption(line, out _).ShouldBeTrue();

    [Theory]
    [InlineData("She shared photos by local residents on her account.")]
    [InlineData("He posted a video: soldiers marching in the square.")]
    [InlineData("The survey was a Reuters/Ipsos poll of 1,000 adults.")]
    [InlineData("The image of the city has changed over the past decade.")]
    public void TryCaption_SentenceMentioningPhotos_IsNotACaption(string line) => LineRules.TryCaption(line, out _).ShouldBeFalse();

    [Fact]
    public void TryCaption_PhraseWrittenTwice_GivesThePhraseOnce()
    {
        LineRules.TryCaption("Boats on a dry riverbed Boats on a dry riverbed", out var caption).ShouldBeTrue();
        caption.ShouldBe("Boats on a dry riverbed");
    }

    [Theory]
    [InlineData("By Alcott Wei,Xinlu Liang", new[] { "Alcott Wei", "Xinlu Liang" })]
    [InlineData("By Jane Roe and Tom Poe in Beijing", new[] { "Jane Roe", "Tom Poe" })]
    [InlineData("by Ana Lopes | 3 Sep 2022", new[] { "Ana Lopes" })]
    [InlineData("Reporting by Jane Roe and Tom Poe; Editing by Ann Lee", new[] { "Jane Roe", "Tom Poe" })]
    public void TryByline_Byline_GivesNames(string line, string[] names)
    {
        LineRules.TryByline(line, out var found).ShouldBeTrue();
        found.ShouldBe(names);
    }

    [Theory]
    [InlineData("By March, 2021 numbers had risen.")]
    [InlineData("By the end of the year the plant had closed")]
    [InlineData("By Shutterstock.com / Jane Roe.")]
    public void TryByline_SentenceStartingWithBy_IsNotAByline(string line) => LineRules.TryByline(line, out _).ShouldBeFalse();

    [Theory]
    [InlineData("Copyright scmp", "South China Morning Post")]
    [InlineData("© 2023 Reuters. All rights reserved.", "Reuters")]
    [InlineData("Copyright © 2020 Harbour Daily Times", "Harbour Daily Times")]
    public void TryCopyright_Notice_GivesOwner(string line, string owner)
    {
        LineRules.TryCopyright(line, out var found).ShouldBeTrue();
        found.ShouldBe(owner);
    }

    [Fact]
    public void TryCopyright_SentenceAboutCopyright_IsNotANotice() => LineRules.TryCopyright("Copyright law is weak in many countries.", out _).ShouldBeFalse();

    [Fact]
    public void TryPrintNote_ScmpNote_GivesPublisher()
    {
        LineRules.TryPrintNote("This article appeared in the South China Morning Post print edition as: Beijing acts", out var publisher).ShouldBeTrue();
        publisher.ShouldBe("South China Morning Post");
    }

    [Theory]
    [InlineData("Home > News")]
    [InlineData("Home › World › Asia")]
    [InlineData("Advertisement")]
    [InlineData("Learn more")]
    [InlineData("Read more: Council election results in full")]
    [InlineData("261")]
    [InlineData("3 of 12")]
    [InlineData("Additional reporting by Reuters")]
    public void IsFurniture_PageChrome_IsFurniture(string line) => LineRules.IsFurniture(line).ShouldBeTrue();

    [Theory]
    [InlineData("Growth was above 5% this year.")]
    [InlineData("Directives on Stability and Ideology")]
    [InlineData("Reporter from China Daily")]
    [InlineData("Learn more about the plan, the minister urged.")]
    public void IsFurniture_ArticleText_IsNotFurniture(string line) => LineRules.IsFurniture(line).ShouldBeFalse();

    [Theory]
    [InlineData("03:47", true)]
    [InlineData("1:02:15", true)]
    [InlineData("At 03:47 the alarm sounded.", false)]
    public void IsDuration_Line_MatchesOnlyBareDurations(string line, bool expected) => LineRules.IsDuration(line).ShouldBe(expected);
}
