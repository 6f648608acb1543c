using System.CommandLine;
using Spectre.Console;
using Storyline.Contracts;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline show ID</c>: a document's cleaned text and metadata.</summary>
internal static class ShowCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<long>("id") { Description = "Document id (see storyline list)" };
        id.Validators.Add(r => { if (r.GetValueOrDefault<long>() < 1) r.AddError("id: a document id is a whole number above zero"); });
        var command = new Command("show", "Show a document's cleaned text and metadata") { id };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct).ConfigureAwait(false);
            var doc = await store.GetAsync(parse.GetValue(id), ct).ConfigureAwait(false);
            if (doc is null) return context.NotFound("document", parse.GetValue(id));
            if (context.Json)
            {
                context.WriteJson(DocumentDetail.Of(doc));
                return 0;
            }
            var m = doc.Content.Metadata;
            var grid = new Grid().AddColumn().AddColumn();
            void Row(string k, string? v) { if (!string.IsNullOrEmpty(v)) grid.AddRow($"[bold]{k}[/]", Markup.Escape(v)); }
            Row("Id", doc.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Row("Input", doc.InputName);
            Row("URL", doc.Url);
            Row("Title", m.Title);
            Row("Publisher", m.Publisher);
            Row("Published", m.Published is { } p ? $"{Summaries.FormatDate(p)} ({p.Source}{(p.Evidence is null ? "" : ": " + p.Evidence)})" : null);
            Row("Authors", string.Join(", ", m.Authors));
            Row("Sections", string.Join(", ", m.Sections));
            Row("Language", m.Language);
            Row("Words", doc.Content.WordCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Row("Near-duplicate of", doc.DuplicateOf?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            context.Console.Write(grid);
            foreach (var s in m.Summary) context.Console.MarkupLine($"  • [italic]{Markup.Escape(s)}[/]");
            foreach (var c in m.Captions) context.Console.MarkupLine($"  [grey]caption: {Markup.Escape(c)}[/]");
            context.Console.WriteLine();
            // The cleaned text exactly as stored: later stages' offsets point into it.
            context.Out.WriteLine(doc.Content.Text);
            return 0;
        });
        return command;
    }
}
