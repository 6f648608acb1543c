using AngleSharp.Dom;

namespace Storyline.Web.Tests;

/// <summary>Checks on rendered pages.</summary>
public static class Markup
{
    private static readonly HashSet<string> ChartElements = ["line", "text", "circle", "rect", "title", "a", "g"];

    /// <summary>Fails when the page holds any script, event handler, javascript: URL or element that only a payload could have put there.</summary>
    public static void ShouldHaveNoInjectedMarkup(IDocument page, string where)
    {
        page.QuerySelectorAll("script, img, iframe, object, embed, base, svg:not(.chart)").Select(e => e.OuterHtml).ShouldBeEmpty($"elements on {where}");
        // The app's own charts are SVG: only the shapes it draws may be inside them.
        page.QuerySelectorAll("svg.chart *").Where(e => !ChartElements.Contains(e.LocalName)).Select(e => e.OuterHtml).ShouldBeEmpty($"chart elements on {where}");
        page.QuerySelectorAll("svg.chart svg").ShouldBeEmpty($"nested svg on {where}");
        foreach (var element in page.All)
        {
            foreach (var attribute in element.Attributes)
            {
                attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase).ShouldBeFalse($"{attribute.Name} on <{element.LocalName}> on {where}");
                attribute.Value.Trim().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase).ShouldBeFalse($"{attribute.Name}={attribute.Value} on {where}");
            }
        }
    }
}
