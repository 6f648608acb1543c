using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Storyline.Contracts;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline entities [DOC...]</c>: every entity mention of the documents with its span, canonical entity, type and role.</summary>
internal static class EntitiesCommand
{
    public static Command Create(CliContext context)
    {
        var ids = new Argument<long[]>("documents") { Description = "Document ids (default: every document)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("entities", "List the people, organisations and places each document mentions, and how (name, surname, pronoun, description)") { ids };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct).ConfigureAwait(false);
            var wanted = parse.GetValue(ids) is { Length: > 0 } given ? given : [.. await store.ListIdsAsync(ct).ConfigureAwait(false)];
            var rows = new List<MentionItem>();
            int code = 0;
            foreach (var id in wanted)
            {
                var doc = await store.GetAsync(id, ct).ConfigureAwait(false);
                var entities = doc is null ? null : await store.GetEntitiesAsync(id, ct).ConfigureAwait(false);
                if (doc is null || entities is null)
                {
                    code = context.NotFound("document", id);
                    continue;
                }
                foreach (var m in entities.Mentions)
                {
                    var e = entities.Get(m.EntityKey);
                    rows.Add(new MentionItem(id, m.Span.Start, m.Span.Length, m.Span.Slice(doc.Content.Text), m.Kind, m.EntityKey, e?.Name ?? m.EntityKey, e?.Type ?? "", m.Role));
                }
            }
            if (context.Json)
            {
                context.WriteJson(rows);
                return code;
            }
            var table = new Table().AddColumns("Doc", "Span", "Text", "Kind", "Entity", "Type", "Role");
            foreach (var r in rows)
            {
                table.AddRow(r.Document.ToString(CultureInfo.InvariantCulture), $"{r.Start}+{r.Length}", Markup.Escape(r.Text), r.Kind.ToString(),
                    Markup.Escape(r.Entity), r.Type, Markup.Escape(r.Role ?? ""));
            }
            context.Console.Write(table);
            return code;
        });
        return command;
    }
}
