using Storyline.Web.Services;

namespace Storyline.Web.Tests;

public sealed class PageWarmUpTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://[::]:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://+:80", "http://127.0.0.1/")]
    [InlineData("http://*:5001", "http://127.0.0.1:5001/")]
    [InlineData("http://localhost:5000", "http://localhost:5000/")]
    public void LoopbackAddress_ListeningAddress_RequestedOverLoopback(string listening, string expected) =>
        PageWarmUp.LoopbackAddress([listening])!.ToString().ShouldBe(expected);

    [Fact]
    public void LoopbackAddress_OnlyHttps_None() => PageWarmUp.LoopbackAddress(["https://0.0.0.0:443"]).ShouldBeNull();

    [Fact]
    public void LoopbackAddress_HttpsFirst_TheHttpOne() =>
        PageWarmUp.LoopbackAddress(["https://0.0.0.0:443", "http://0.0.0.0:80"])!.ToString().ShouldBe("http://127.0.0.1/");

    [Fact]
    public void PathsLinkedFrom_HomeWithStories_FirstStoryPathThenPeople() =>
        PageWarmUp.PathsLinkedFrom("""<li><a href="/stories/668">Tariffs</a></li><li><a href="/stories/359">Other</a></li>""")
            .ShouldBe(["/stories/668", "/people"]);

    [Fact]
    public void PathsLinkedFrom_HomeWithoutStories_PeopleOnly() =>
        PageWarmUp.PathsLinkedFrom("<p>No stories yet.</p>").ShouldBe(["/people"]);
}
