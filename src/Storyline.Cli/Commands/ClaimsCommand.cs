using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Storyline.Briefing;
using Storyline.Contracts;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline claims [--story ID]</c>: the claims ledger of a story — which camps assert, deny or question each claim.</summary>
internal static class ClaimsCommand
{
    public static Command Create(CliContext context)
    {
        var story = StoryOption.Create();
        var command = new Command("claims", "Claims of a story, most contested first, with each camp's stance and words") { story };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct).ConfigureAwait(false);
            var requested = parse.GetValue(story);
            var storyId = await new StoryReader(store, store, store).ResolveStoryAsync(requested, ct).ConfigureAwait(false);
            if (storyId is null) return StoryOption.Missing(context, requested);
            // Reads only what the analysis stored: a story with no statements has an empty ledger.
            var claims = (await store.GetClaimsAsync(storyId.Value, ct).ConfigureAwait(false))?.Claims ?? [];
            if (context.Json)
            {
                context.WriteJson(claims.Select(ClaimItem.Of).ToList());
                return 0;
            }
            if (claims.Count == 0)
            {
                context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"story {storyId}: no claims (no statements bear on a shared proposition)"));
                return 0;
            }
            foreach (var claim in claims)
            {
                var table = new Table().Title($"[bold]{claim.Id}. {Markup.Escape(claim.Label)}[/]{(claim.Contested ? " [red](contested)[/]" : "")}")
                    .AddColumns("Camp", "Stance", "Speaker", "Statement", "Doc");
                foreach (var s in claim.Statements)
                    table.AddRow(Markup.Escape(s.Camp), Markup.Escape(s.Stance), Markup.Escape(s.Speaker), Markup.Escape(s.Text), s.DocumentId.ToString(CultureInfo.InvariantCulture));
                context.Console.Write(table);
            }
            return 0;
        });
        return command;
    }
}
