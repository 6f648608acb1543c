using Storyline.Documents;
using static Storyline.Entities.Resolution.ResolutionText;

namespace Storyline.Entities.Resolution;

/// <summary>Finds full names and surnames the tagger missed elsewhere in the text ("Wang said" after "Wang Yiwei").</summary>
internal sealed class MissedNames : IEntityStep
{
    /// <inheritdoc />
    public string Name => "missed-names";

    /// <inheritdoc />
    public void Run(EntityWork doc) => AddMissedNames(doc);

    // Full names and surnames the tagger missed elsewhere in the text ("Wang said" after "Wang Yiwei").
    private static void AddMissedNames(EntityWork doc)
    {
        var people = doc.Mentions.Where(m => m.Type == EntityTypes.Person && m.Kind == MentionKind.Name && m.Key is not null).ToList();
        var forms = new Dictionary<string, (string Type, bool Full)>(StringComparer.Ordinal);
        foreach (var p in people)
        {
            var name = Squash(p.Surface);
            forms[name] = (EntityTypes.Person, true);
            var words = name.Split(' ');
            var surname = SurnameOf(words);
            if (!CommonWords.Contains(surname)) forms.TryAdd(surname, (EntityTypes.Person, false));
        }
        var added = new List<MentionDraft>();
        foreach (var (form, info) in forms.OrderByDescending(f => f.Key.Length))
        {
            foreach (var (start, length) in WordOccurrences.Find(doc.Text, form, flexibleSpaces: true))
            {
                var span = new TextSpan(start, length);
                if (doc.Mentions.Any(x => x.Span.Overlaps(span)) || added.Any(x => x.Span.Overlaps(span))) continue;
                var d = new MentionDraft { Span = span, Surface = span.Slice(doc.Text), Type = EntityTypes.Person, Kind = info.Full ? MentionKind.Name : MentionKind.Surname };
                if (info.Full) doc.Set(d, EntityResolver.KeyOf(EntityTypes.Person, form), form, EntityTypes.Person, MentionKind.Name);
                added.Add(d);
            }
        }
        doc.Mentions.AddRange(added);
        doc.Mentions.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
    }

    // Surnames that are also everyday words are only taken from the tagger, never matched on their own ("He said").
    private static readonly HashSet<string> CommonWords = new(StringComparer.OrdinalIgnoreCase) { "he", "she", "it", "we", "us", "so", "long", "may", "will", "young", "king", "hope", "ma", "an", "do", "go", "to", "on", "in", "no", "mo", "ye", "yu", "lee" };

    private static string SurnameOf(string[] words) =>
        words.Length is 2 or 3 && RoleLexicon.ChineseSurnames.Contains(words[0]) ? words[0] : words[^1];
}
