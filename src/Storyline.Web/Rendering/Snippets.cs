using System.Text;
using System.Text.Encodings.Web;
using Storyline.Storage;

namespace Storyline.Web.Rendering;

/// <summary>Search snippets from the store, whose matches are marked by \u0002…\u0003, as plain text with ranges or as safe HTML.</summary>
public static class Snippets
{
    /// <summary>The snippet without markers, and the [start, end) offsets of each match in it (<see cref="SearchHighlight.Parse"/>).</summary>
    public static (string Text, IReadOnlyList<int[]> Highlights) Parse(string snippet) => SearchHighlight.Parse(snippet);

    /// <summary>HTML for a snippet: every piece of text is HTML-encoded first, and only then are matches wrapped in &lt;mark&gt;.</summary>
    /// <remarks>Snippets are cut from untrusted article text, so the markers are the only thing that may become markup.</remarks>
    public static string ToHtml(string snippet)
    {
        var (text, ranges) = Parse(snippet);
        var html = new StringBuilder(text.Length + ranges.Count * 13);
        int at = 0;
        foreach (var range in ranges)
        {
            html.Append(HtmlEncoder.Default.Encode(text[at..range[0]]));
            html.Append("<mark>").Append(HtmlEncoder.Default.Encode(text[range[0]..range[1]])).Append("</mark>");
            at = range[1];
        }
        html.Append(HtmlEncoder.Default.Encode(text[at..]));
        return html.ToString();
    }
}
