using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace Storyline.Web.Rendering;

/// <summary>One page of a long list: which page (a request past the end gets the last), how many there are, and what it shows.</summary>
/// <param name="Number">The page shown, from 1.</param>
/// <param name="Size">Items per page.</param>
/// <param name="Count">Items in the whole list.</param>
public sealed record PageWindow(int Number, int Size, int Count)
{
    /// <summary>The window for a requested page (null: the first) of a list of <paramref name="count"/> items.</summary>
    public static PageWindow Of(int? requested, int size, int count)
    {
        var pages = Math.Max(1, (count + size - 1) / size);
        return new PageWindow(Math.Clamp(requested ?? 1, 1, pages), size, count);
    }

    /// <summary>Number of pages (at least one).</summary>
    public int Pages => Math.Max(1, (Count + Size - 1) / Size);

    /// <summary>Items before this page.</summary>
    public int Skip => (Number - 1) * Size;

    /// <summary>This page's items of <paramref name="items"/>.</summary>
    public IEnumerable<T> Items<T>(IEnumerable<T> items) => items.Skip(Skip).Take(Size);
}

/// <summary>The previous / next links under a paged list, written once for every page that pages.</summary>
public static class Paging
{
    /// <summary>Nothing for a one-page list; else "← previous · {noun} a–b of n · next →" in a nav labelled "{label} pages",
    /// <paramref name="href"/> giving each page's address.</summary>
    public static IHtmlContent Nav(PageWindow window, string label, string noun, Func<int, string> href)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(href);
        if (window.Pages <= 1) return HtmlString.Empty;
        var html = new HtmlContentBuilder();
        html.AppendHtml("<nav class=\"pager\" aria-label=\"").Append($"{label} pages").AppendHtml("\">");
        if (window.Number > 1) html.AppendHtml("<a rel=\"prev\" href=\"").Append(href(window.Number - 1)).AppendHtml("\">").Append("← previous").AppendHtml("</a> ");
        var last = Math.Min(window.Count, window.Number * window.Size);
        html.AppendHtml("<span class=\"meta\">").Append(string.Create(CultureInfo.InvariantCulture, $"{noun} {window.Skip + 1}–{last} of {window.Count}")).AppendHtml("</span>");
        if (window.Number < window.Pages) html.AppendHtml(" <a rel=\"next\" href=\"").Append(href(window.Number + 1)).AppendHtml("\">").Append("next →").AppendHtml("</a>");
        html.AppendHtml("</nav>");
        return html;
    }
}
