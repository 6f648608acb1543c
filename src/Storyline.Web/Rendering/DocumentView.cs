using System.Globalization;
using Storyline.Documents;

namespace Storyline.Web.Rendering;

/// <summary>One piece of a rendered document body: a paragraph, heading or quote, or a run of list items.</summary>
public sealed record BodyPart(BlockKind Kind, string Text, IReadOnlyList<string> Items)
{
    /// <summary>Where <see cref="Text"/> is in the document's text (empty when it was not cut by a block span).</summary>
    public TextSpan Span { get; init; }

    /// <summary>Where each of <see cref="Items"/> is in the document's text.</summary>
    public IReadOnlyList<TextSpan> ItemSpans { get; init; } = [];
}

/// <summary>Turns stored block spans into the parts a page renders, and formats metadata for display.</summary>
public static class DocumentView
{
    /// <summary>The body parts in order; consecutive list items become one list. Text is sliced from the stored text by span.</summary>
    public static IReadOnlyList<BodyPart> Body(ProcessedDocument content)
    {
        var parts = new List<BodyPart>();
        List<string>? list = null;
        List<TextSpan>? listSpans = null;
        foreach (var block in content.Blocks)
        {
            // Spans come from storage; one that does not fit the text is skipped rather than failing the page.
            if (block.Span.Start < 0 || block.Span.Length <= 0 || block.Span.End > content.Text.Length) continue;
            var span = Trim(content.Text, block.Span);
            if (span.Length == 0) continue;
            var text = span.Slice(content.Text);
            if (block.Kind == BlockKind.ListItem)
            {
                if (list is null || listSpans is null)
                {
                    list = [];
                    listSpans = [];
                    parts.Add(new BodyPart(BlockKind.ListItem, "", list) { ItemSpans = listSpans });
                }
                list.Add(text);
                listSpans.Add(span);
                continue;
            }
            list = null;
            listSpans = null;
            parts.Add(new BodyPart(block.Kind, text, []) { Span = span });
        }
        // A document stored without blocks still shows its text, split at blank lines.
        if (parts.Count == 0 && content.Text.Length > 0)
        {
            foreach (var paragraph in content.Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                parts.Add(new BodyPart(BlockKind.Paragraph, paragraph, []));
        }
        return parts;
    }

    private static TextSpan Trim(string text, TextSpan span)
    {
        int start = span.Start, end = span.End;
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        return TextSpan.FromBounds(start, end);
    }

    /// <summary>A date to its precision (yyyy-MM-dd, or yyyy-MM / yyyy for an estimate from a month or year); pages mark estimates themselves.</summary>
    public static string Date(PublicationDate? date) =>
        date is null ? "" : PublicationDate.Format(date.Value, date.Granularity, estimate: false);

    /// <summary>A human phrase for where a date came from.</summary>
    public static string Source(DateSource source) => source switch
    {
        DateSource.Given => "given with the input",
        DateSource.Metadata => "from the page's metadata",
        DateSource.Url => "from the URL",
        DateSource.Byline => "from the dateline or byline",
        DateSource.TextEstimate => "estimated from dates in the text",
        _ => source.ToString(),
    };

    /// <summary>The text a date was read from, when it says more than its source does.</summary>
    public static string? Evidence(PublicationDate date) =>
        string.IsNullOrWhiteSpace(date.Evidence) || date.Evidence.Trim().Equals(Source(date.Source), StringComparison.OrdinalIgnoreCase)
            || date.Evidence.Trim().Equals(date.Source.ToString(), StringComparison.OrdinalIgnoreCase)
            ? null : date.Evidence.Trim();

    /// <summary>The title to show: the headline, or the input's file name when there is none.</summary>
    public static string Title(string? title, string inputName, long id) => DisplayTitles.Of(title, inputName, id);

    /// <summary>A whole number with thousands separators.</summary>
    public static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
