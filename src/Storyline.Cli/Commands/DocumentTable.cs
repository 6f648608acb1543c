using Spectre.Console;
using Storyline.Documents;

namespace Storyline.Cli.Commands;

/// <summary>Renders document summaries as a table.</summary>
internal static class DocumentTable
{
    public static void Write(IAnsiConsole console, IEnumerable<DocumentSummary> documents)
    {
        var table = new Table().AddColumns("Id", "Title", "Source", "Published", "Words", "Note");
        foreach (var d in documents)
        {
            table.AddRow(
                d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(d.Title ?? Path.GetFileName(d.InputName)),
                Markup.Escape(d.Publisher ?? ""),
                Markup.Escape(Summaries.FormatDate(d.Published)),
                d.WordCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                d.DuplicateOf is { } o ? $"near-duplicate of {o}" : "");
        }
        console.Write(table);
    }
}

/// <summary>Conversions between stored documents and their one-line views.</summary>
internal static class Summaries
{
    public static DocumentSummary Of(StoredDocument d) =>
        new(d.Id, d.InputName, d.Content.Metadata.Title, d.Content.Metadata.Publisher, d.Content.Metadata.Published, d.Content.WordCount, d.DuplicateOf, d.IngestedAt);

    public static string FormatDate(PublicationDate? date) => date is null
        ? ""
        : PublicationDate.Format(date.Value, date.Granularity, estimate: false) + (date.IsEstimate ? " (est.)" : "");
}
