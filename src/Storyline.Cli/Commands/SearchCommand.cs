using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Storyline.Storage;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline search QUERY</c>: ranked full-text search with highlighted snippets.</summary>
internal static class SearchCommand
{
    public static Command Create(CliContext context)
    {
        var query = new Argument<string[]>("query") { Description = "Words to find (all must occur); \"quote\" a phrase", Arity = ArgumentArity.OneOrMore };
        var limit = new Option<int>("--limit") { Description = "Most hits to show", DefaultValueFactory = _ => 20 };
        var command = new Command("search", "Full-text search across stored documents") { query, limit };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse.GetValue(CommonOptions.Store)!, ct).ConfigureAwait(false);
            var hits = await store.SearchAsync(string.Join(' ', parse.GetValue(query)!), parse.GetValue(limit), ct).ConfigureAwait(false);
            if (parse.GetValue(CommonOptions.Json))
            {
                context.WriteJson(hits.Select(h => new
                {
                    document = h.DocumentId,
                    title = h.Title,
                    // Significant digits, not decimals: bm25 on a small store gives scores near 1e-6, which rounding made 0.
                    score = double.Parse(h.Score.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                    snippet = h.Snippet.Replace(SearchHighlight.Start.ToString(), "", StringComparison.Ordinal).Replace(SearchHighlight.End.ToString(), "", StringComparison.Ordinal),
                    highlights = Highlights(h.Snippet),
                }));
                return 0;
            }
            foreach (var h in hits)
            {
                context.Console.MarkupLine($"[bold]{h.DocumentId}[/] {Markup.Escape(h.Title ?? "")} [grey]({h.Score.ToString("G3", CultureInfo.InvariantCulture)})[/]");
                var snippet = Markup.Escape(h.Snippet)
                    .Replace(SearchHighlight.Start.ToString(), "[yellow bold]", StringComparison.Ordinal)
                    .Replace(SearchHighlight.End.ToString(), "[/]", StringComparison.Ordinal);
                context.Console.MarkupLine($"    {snippet}");
            }
            if (hits.Count == 0) context.Console.WriteLine("no matches");
            return 0;
        });
        return command;
    }

    /// <summary>The matched words of a snippet as offsets into the snippet with markers removed.</summary>
    private static List<int[]> Highlights(string snippet)
    {
        var ranges = new List<int[]>();
        int offset = 0, start = -1;
        foreach (var c in snippet)
        {
            if (c == SearchHighlight.Start) start = offset;
            else if (c == SearchHighlight.End && start >= 0) { ranges.Add([start, offset]); start = -1; }
            else offset++;
        }
        return ranges;
    }
}
