using System.Text;
using System.Text.RegularExpressions;

namespace Storyline.Entities;

/// <summary>How an alias-table variant is used.</summary>
public enum AliasUse
{
    /// <summary>Always means the canonical entity.</summary>
    Name,
    /// <summary>Means the canonical entity when it acts or speaks, the place itself after a locative preposition.</summary>
    Metonym,
    /// <summary>An adjective that gives an affiliation inside a title.</summary>
    Adjective,
}

/// <summary>One canonical entity of the alias table.</summary>
/// <param name="Type">One of <see cref="EntityTypes"/>.</param>
/// <param name="Canonical">The canonical name.</param>
/// <param name="Variants">Every other surface form with how it is used.</param>
public sealed record AliasEntry(string Type, string Canonical, IReadOnlyList<(string Text, AliasUse Use)> Variants);

/// <summary>Canonical names and their variants: the embedded default (<c>Entities/Data/aliases.txt</c>) optionally extended by a user file.</summary>
public sealed class AliasTable
{
    private static readonly Lazy<AliasTable> DefaultTable = new(() => new AliasTable(ReadDefault()));
    private readonly Dictionary<string, (AliasEntry Entry, AliasUse Use)> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (AliasEntry Entry, AliasUse Use)> _folded = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The embedded default table.</summary>
    public static AliasTable Default => DefaultTable.Value;

    /// <summary>Every entry.</summary>
    public IReadOnlyList<AliasEntry> Entries { get; }

    /// <summary>Builds a table from entries; later entries replace earlier ones that share a canonical name or variant.</summary>
    public AliasTable(IEnumerable<AliasEntry> entries)
    {
        var kept = new List<AliasEntry>();
        foreach (var entry in entries)
        {
            var names = entry.Variants.Select(v => v.Text).Append(entry.Canonical).ToHashSet(StringComparer.OrdinalIgnoreCase);
            kept.RemoveAll(e => names.Contains(e.Canonical) || e.Variants.Any(v => names.Contains(v.Text)));
            kept.Add(entry);
        }
        Entries = kept;
        foreach (var entry in kept)
        {
            Add(entry.Canonical, entry, AliasUse.Name);
            foreach (var (text, use) in entry.Variants) Add(text, entry, use);
        }
        Pattern = BuildPattern();
    }

    /// <summary>Finds every variant in a text (longest first at each position).</summary>
    internal Regex Pattern { get; }

    /// <summary>The entry and use of <paramref name="surface"/>, or null; case matters for acronyms and single words.</summary>
    public (AliasEntry Entry, AliasUse Use)? Lookup(string surface)
    {
        if (_exact.TryGetValue(surface, out var exact)) return exact;
        if (IsCaseSensitive(surface)) return null;
        return _folded.TryGetValue(surface, out var folded) ? folded : null;
    }

    /// <summary>The default table extended by <paramref name="userFile"/> (same format), or the default when null.</summary>
    public static AliasTable Load(string? userFile)
    {
        if (string.IsNullOrEmpty(userFile)) return Default;
        return new AliasTable(Default.Entries.Concat(Parse(File.ReadAllText(userFile))));
    }

    /// <summary>Parses the alias file format: <c>Type | Canonical | variant | ~metonym | @Adjective</c>, # comments.</summary>
    public static IReadOnlyList<AliasEntry> Parse(string content)
    {
        var entries = new List<AliasEntry>();
        foreach (var raw in content.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0) continue;
            var parts = line.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2) continue;
            var type = NormaliseType(parts[0]);
            var variants = parts.Skip(2).Select(p => p[0] switch
            {
                '~' => (p[1..].Trim(), AliasUse.Metonym),
                '@' => (p[1..].Trim(), AliasUse.Adjective),
                _ => (p, AliasUse.Name),
            }).Where(v => v.Item1.Length > 0).ToList();
            entries.Add(new AliasEntry(type, parts[1], variants));
        }
        return entries;
    }

    private static string NormaliseType(string type) => type.ToLowerInvariant() switch
    {
        "person" or "per" => EntityTypes.Person,
        "organisation" or "organization" or "org" => EntityTypes.Organisation,
        "place" or "loc" or "location" => EntityTypes.Place,
        "group" => EntityTypes.Group,
        _ => EntityTypes.Other,
    };

    private void Add(string text, AliasEntry entry, AliasUse use)
    {
        _exact[text] = (entry, use);
        if (!IsCaseSensitive(text)) _folded[text] = (entry, use);
    }

    // "US" and "WHO" must not match "us" and "who"; single words keep their case too ("Bingtuan", not "bingtuan").
    private static bool IsCaseSensitive(string text) => !text.Contains(' ', StringComparison.Ordinal);

    private Regex BuildPattern()
    {
        var variants = _exact.Keys.OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).ToList();
        var sb = new StringBuilder(@"(?<![\w.'’-])(?:");
        bool first = true;
        foreach (var v in variants)
        {
            if (!first) sb.Append('|');
            first = false;
            var escaped = Regex.Escape(v).Replace("'", "['’]", StringComparison.Ordinal).Replace(@"\ ", @"\s+", StringComparison.Ordinal);
            sb.Append(IsCaseSensitive(v) ? escaped : "(?i:" + escaped + ")");
        }
        // Groups are also named in the plural ("Uygurs").
        sb.Append(@")(?:(?<=\w)s)?(?![\w-])");
        return new Regex(sb.ToString(), RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    private static List<AliasEntry> ReadDefault()
    {
        using var stream = typeof(AliasTable).Assembly.GetManifestResourceStream("Storyline.Entities.Data.aliases.txt")
            ?? throw new InvalidOperationException("the embedded alias table is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return [.. Parse(reader.ReadToEnd())];
    }
}
