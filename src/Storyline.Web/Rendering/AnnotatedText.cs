using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Storyline.Documents;

namespace Storyline.Web.Rendering;

/// <summary>A span of a document's text to wrap in an element: a cited sentence, a quote, an entity link.</summary>
/// <param name="Span">Offsets into the document's cleaned text.</param>
/// <param name="Class">The element's class.</param>
/// <param name="Title">Its title (tooltip), if any.</param>
/// <param name="Href">For links, the URL (built by <see cref="Links"/>, never taken from the article).</param>
public sealed record Annotation(TextSpan Span, string Class, string? Title = null, string? Href = null);

/// <summary>Renders stretches of a document's text with nested annotations, every character HTML-encoded by <see cref="TagBuilder"/>:
/// cited sentences as <c>&lt;mark&gt;</c> (the first with id <c>cite</c>), quotes as <c>&lt;q&gt;</c>, entity names as links.</summary>
/// <remarks>Layers nest in order (citation outside quotes outside links); spans of one layer that overlap an earlier one are clipped.
/// One instance renders one page, so that only the first cited stretch gets the id.</remarks>
public sealed class AnnotatedText(string text, IReadOnlyList<Annotation> cites, IReadOnlyList<Annotation> quotes, IReadOnlyList<Annotation> links)
{
    private readonly IReadOnlyList<Annotation>[] _layers = [Sorted(cites), Sorted(quotes), Sorted(links)];
    private readonly string[] _tags = ["mark", "q", "a"];
    private bool _citeIdGiven;

    /// <summary>The HTML of <paramref name="span"/> of the text with its annotations.</summary>
    public IHtmlContent Render(TextSpan span)
    {
        var html = new HtmlContentBuilder();
        var start = Math.Clamp(span.Start, 0, text.Length);
        Render(html, start, Math.Clamp(span.End, start, text.Length), 0);
        return html;
    }

    /// <summary>The HTML of <paramref name="span"/>, or <paramref name="fallback"/> (encoded) when the span is empty.</summary>
    public IHtmlContent Render(TextSpan span, string fallback) =>
        span.Length > 0 ? Render(span) : new HtmlContentBuilder().Append(fallback);

    private void Render(IHtmlContentBuilder html, int start, int end, int layer)
    {
        if (start >= end) return;
        if (layer == _layers.Length)
        {
            html.Append(text[start..end]);
            return;
        }
        var at = start;
        foreach (var a in _layers[layer])
        {
            if (a.Span.End <= at) continue;
            if (a.Span.Start >= end) break;
            var from = Math.Max(a.Span.Start, at);
            var to = Math.Min(a.Span.End, end);
            Render(html, at, from, layer + 1);
            var element = new TagBuilder(_tags[layer]);
            element.AddCssClass(a.Class);
            if (a.Title is not null) element.Attributes["title"] = a.Title;
            if (a.Href is not null) element.Attributes["href"] = a.Href;
            if (layer == 0 && !_citeIdGiven)
            {
                element.Attributes["id"] = "cite";
                _citeIdGiven = true;
            }
            var inner = new HtmlContentBuilder();
            Render(inner, from, to, layer + 1);
            element.InnerHtml.AppendHtml(inner);
            html.AppendHtml(element);
            at = to;
        }
        Render(html, at, end, layer + 1);
    }

    private static List<Annotation> Sorted(IReadOnlyList<Annotation> annotations) =>
        [.. annotations.Where(a => a.Span.Length > 0).OrderBy(a => a.Span.Start).ThenByDescending(a => a.Span.Length)];
}
