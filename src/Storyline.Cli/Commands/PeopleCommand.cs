using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Storyline.Contracts;
using Storyline.Entities;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline people</c>: the people across the store with their roles, affiliations and how often they are mentioned.</summary>
internal static class PeopleCommand
{
    public static Command Create(CliContext context)
    {
        var all = new Option<bool>("--all") { Description = "Also list people known only inside one document (a surname never given in full, an anonymous source)" };
        var command = new Command("people", "List people across the store with roles, affiliations and mention counts") { all };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct).ConfigureAwait(false);
            var people = (await store.ListEntitiesAsync(EntityTypes.Person, ct).ConfigureAwait(false))
                .Where(p => parse.GetValue(all) || !p.Entity.IsDocumentLocal).ToList();
            if (context.Json)
            {
                context.WriteJson(people.Select(p => new PersonItem(p.Entity.Key, p.Entity.Name, p.Entity.Roles, p.Entity.Affiliations, p.Entity.Aliases, p.Mentions, p.Documents)).ToList());
                return 0;
            }
            var table = new Table().AddColumns("Name", "Roles", "Affiliations", "Mentions", "Docs");
            foreach (var p in people)
            {
                table.AddRow(Markup.Escape(p.Entity.Name), Markup.Escape(string.Join("; ", p.Entity.Roles)), Markup.Escape(string.Join("; ", p.Entity.Affiliations)),
                    p.Mentions.ToString(CultureInfo.InvariantCulture), p.Documents.ToString(CultureInfo.InvariantCulture));
            }
            context.Console.Write(table);
            return 0;
        });
        return command;
    }
}
