using AngleSharp.Dom;

namespace Storyline.Web.Tests;

/// <summary>Checks on rendered pages.</summary>
public static class Markup
{
    /// <summary>Fails when the page holds any script, event handler, javascript: URL or element that only a payload could have put there.</summary>
    public static void ShouldHaveNoInjectedMarkup(IDocument page, string where)
    {
        page.QuerySelectorAll("script, img, svg, iframe, object, embed, base").Select(e => e.OuterHtml).ShouldBeEmpty($"elements on {where}");
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
