using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Storyline.Contracts;
using Storyline.Storage;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline search QUERY</c>: ranked full-text search with highlighted snippets.</summary>
internal static class SearchCommand
{
    public static Command Create(CliContext context)
    {
        var query = new Argument<string[]>("query") { Description = "Words to find (all must occur); \"quote\" a phrase", Arity = ArgumentArity.OneOrMore };
        var limit = new Option<int>("--limit") { Description = "Most hits to show (1 to 1000)", DefaultValueFactory = _ => 20 };
        limit.Validators.Add(r => Validate.Range(r, "--limit", 1, 1000));
        var command = new Command("search", "Full-text search across stored documents") { query, limit };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct).ConfigureAwait(false);
            var hits = await store.SearchAsync(string.Join(' ', parse.GetValue(query)!), parse.GetValue(limit), ct).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(hits.Select(SearchHitView.Of).ToList());
                return ExitCodes.Ok;
            }
            foreach (var h in hits)
            {
                context.Console.MarkupLine($"[bold]{h.DocumentId}[/] {Markup.Escape(h.Title ?? "")} [grey]({h.Score.ToString("G3", CultureInfo.InvariantCulture)})[/]");
                context.Console.MarkupLine($"    {Highlighted(h.Snippet)}");
            }
            if (hits.Count == 0) context.Console.WriteLine("no matches");
            return 0;
        });
        return command;
    }

    /// <summary>A snippet as console markup: the text escaped, each match (<see cref="SearchHighlight.Parse"/>) in bold yellow.</summary>
    private static string Highlighted(string snippet)
    {
        var (text, ranges) = SearchHighlight.Parse(snippet);
        var markup = new System.Text.StringBuilder();
        var at = 0;
        foreach (var range in ranges)
        {
            markup.Append(Markup.Escape(text[at..range[0]])).Append("[yellow bold]").Append(Markup.Escape(text[range[0]..range[1]])).Append("[/]");
            at = range[1];
        }
        return markup.Append(Markup.Escape(text[at..])).ToString();
    }
}
