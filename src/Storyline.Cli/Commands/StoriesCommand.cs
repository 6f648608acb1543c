using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Storyline.Contracts;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline stories</c>: stories with their documents, sources and date ranges.</summary>
internal static class StoriesCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("stories", "List stories (documents grouped by subject) with sources and date ranges");
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct).ConfigureAwait(false);
            var stories = await store.ListStoriesAsync(ct).ConfigureAwait(false);
            if (context.Json)
            {
                // The camps quoted in each story, ordered as the web's story list orders them.
                var camps = (await store.CountCampsByStoryAsync(ct).ConfigureAwait(false)).ToLookup(c => c.StoryId);
                context.WriteJson(stories.Select(s => StoryListItem.Of(s, StoryListItem.OrderCamps(camps[s.Id].Select(c => (c.Camp, c.Statements))))).ToList());
                return 0;
            }
            var table = new Table().AddColumns("Id", "Title", "Docs", "Sources", "From", "To");
            foreach (var s in stories)
            {
                table.AddRow(s.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(s.Title), s.Documents.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join(", ", s.Sources)), Storyline.Storage.StoryInfo.Label(s.First, s.FirstPublished), Storyline.Storage.StoryInfo.Label(s.Last, s.LastPublished));
            }
            context.Console.Write(table);
            return 0;
        });
        return command;
    }
}
