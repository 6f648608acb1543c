using System.Reflection;
using System.Text.RegularExpressions;

namespace Storyline.Attribution;

/// <summary>Assigns a speaker to the camp they speak for, from their role, affiliation and name, by the rules of a small editable camps file.</summary>
public sealed partial class CampClassifier
{
    private const string CountryToken = "{country}";
    private readonly List<(string Camp, Regex Pattern, bool PerCountry)> _rules = [];

    /// <summary>The camp given to speakers no rule matches.</summary>
    public const string Other = "Other voices";

    private static readonly (string Camp, string[] Names)[] Countries =
    [
        ("Chinese", ["China", "Chinese", "Beijing", "PRC", "People's Republic of China", "CPC", "Communist Party of China", "Xinjiang", "XUAR", "Xinjiang Uygur Autonomous Region", "XPCC", "Bingtuan", "Tibet", "Hong Kong government"]),
        ("US", ["US", "U.S.", "United States", "America", "American", "Washington", "White House", "Pentagon", "Congress", "State Department", "Treasury"]),
        ("UK", ["UK", "Britain", "British", "United Kingdom", "London", "Downing Street"]),
        ("EU", ["EU", "European Union", "European Commission", "Brussels"]),
        ("Russian", ["Russia", "Russian", "Moscow", "Kremlin"]),
        ("Japanese", ["Japan", "Japanese", "Tokyo"]),
        ("Turkish", ["Turkey", "Turkish", "Ankara"]),
        ("German", ["Germany", "German", "Berlin"]),
        ("French", ["France", "French", "Paris", "Elysee"]),
        ("Indian", ["India", "Indian", "New Delhi"]),
        ("Australian", ["Australia", "Australian", "Canberra"]),
        ("Canadian", ["Canada", "Canadian", "Ottawa"]),
        ("Taiwanese", ["Taiwan", "Taiwanese", "Taipei"]),
        ("Ukrainian", ["Ukraine", "Ukrainian", "Kyiv"]),
        ("Israeli", ["Israel", "Israeli"]),
        ("Iranian", ["Iran", "Iranian", "Tehran"]),
    ];

    /// <summary>Reads rules from the text of a camps file.</summary>
    public CampClassifier(string rules)
    {
        foreach (var raw in rules.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            var camp = line[..colon].Trim();
            var phrases = line[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (phrases.Length == 0) continue;
            var pattern = new Regex(@"(?<![\p{L}\p{N}])(?:" + string.Join('|', phrases.OrderByDescending(p => p.Length).Select(Regex.Escape)) + @")(?![\p{L}\p{N}])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            _rules.Add((camp, pattern, camp.Contains(CountryToken, StringComparison.Ordinal)));
        }
    }

    /// <summary>The default rules shipped with Storyline (Attribution/Data/camps.txt).</summary>
    public static CampClassifier Default { get; } = new(ReadDefault());

    /// <summary>The default camps file's text, to copy and edit.</summary>
    public static string ReadDefault()
    {
        using var stream = typeof(CampClassifier).Assembly.GetManifestResourceStream("Storyline.Attribution.Data.camps.txt")
            ?? throw new InvalidOperationException("camps.txt is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Loads rules from a file, or the defaults when <paramref name="path"/> is null.</summary>
    public static CampClassifier Load(string? path) => path is null ? Default : new CampClassifier(File.ReadAllText(path));

    /// <summary>The camp of a speaker described by <paramref name="descriptions"/> (roles, affiliations, the source mention, the name);
    /// <paramref name="contextCountry"/> (the country the article is mostly about, see <see cref="DominantCountry"/>) completes a
    /// government role that names no country ("foreign ministry spokesman").</summary>
    public string Classify(IEnumerable<string?> descriptions, string? contextCountry = null)
    {
        var text = string.Join(" ; ", descriptions.Where(d => !string.IsNullOrWhiteSpace(d)));
        if (text.Length == 0) return Other;
        // The rule matching earliest wins: a role's head comes first ("spokesman for the Chinese mission at the UN" speaks for
        // China, "UN High Commissioner" for the UN); file order breaks ties.
        (string? Camp, int Index) best = (null, int.MaxValue);
        foreach (var (camp, pattern, perCountry) in _rules)
        {
            var match = pattern.Match(text);
            if (!match.Success || match.Index >= best.Index) continue;
            if (!perCountry) best = (camp, match.Index);
            else if ((CountryOf(text) ?? contextCountry) is { } country) best = (camp.Replace(CountryToken, country, StringComparison.Ordinal), match.Index);
        }
        if (best.Camp is not null) return best.Camp;
        // A government, party or state named without a role word ("Beijing denies…", "Washington says…") speaks for its government.
        var bare = CountryOf(text);
        var governmentRule = _rules.FirstOrDefault(r => r.PerCountry);
        if (bare is not null && governmentRule.Camp is not null && IsBareState(text)) return governmentRule.Camp.Replace(CountryToken, bare, StringComparison.Ordinal);
        return Other;
    }

    /// <summary>The statement with its camp classified by these rules from the inputs it was classified from; unchanged when it has none
    /// (an unidentified speaker).</summary>
    public AttributedStatement Reclassify(AttributedStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return statement.CampInputs is { } inputs ? statement with { Camp = Classify(inputs.Descriptions, inputs.Country) } : statement;
    }

    /// <summary>The country (as a camp adjective, e.g. "Chinese") mentioned most often in <paramref name="text"/>, or null.</summary>
    public static string? DominantCountry(string text)
    {
        (string? Camp, int Count) best = (null, 0);
        foreach (var (camp, names) in CountryPatterns)
        {
            int count = 0;
            foreach (var (bare, _) in names) count += bare.Count(text);
            if (count > best.Count) best = (camp, count);
        }
        return best.Camp;
    }

    private static string? CountryOf(string text)
    {
        // The earliest-mentioned country wins: "a spokesman for the Chinese mission at the UN" is Chinese.
        (string? Camp, int Index) best = (null, int.MaxValue);
        foreach (var (camp, names) in CountryPatterns)
        {
            foreach (var (_, possessive) in names)
            {
                var m = possessive.Match(text);
                if (m.Success && m.Index < best.Index) best = (camp, m.Index);
            }
        }
        return best.Camp;
    }

    // Built once: the per-name patterns outnumber Regex's static cache, so building them per call re-parsed every one of them for every statement.
    private static readonly (string Camp, (Regex Bare, Regex Possessive)[] Names)[] CountryPatterns =
        [.. Countries.Select(c => (c.Camp, c.Names.Select(name => (
            new Regex(@"(?<![\p{L}\p{N}])" + Regex.Escape(name) + @"(?![\p{L}\p{N}])", RegexOptions.CultureInvariant),
            new Regex(@"(?<![\p{L}\p{N}])" + Regex.Escape(name) + @"(?:['’]s)?(?![\p{L}\p{N}])", RegexOptions.CultureInvariant))).ToArray()))];

    // Every description is a state's name, with or without "the" or "government" ("Beijing", "the U.S. ; United States", "the Xinjiang government").
    private static bool IsBareState(string text) =>
        text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).All(part => StateNames.Contains(BareStateName().Replace(part, "")));

    private static readonly HashSet<string> Demonyms = new(StringComparer.Ordinal)
    {
        "Chinese", "American", "British", "Russian", "Japanese", "Turkish", "German", "French", "Indian", "Australian", "Canadian", "Taiwanese", "Ukrainian", "Israeli", "Iranian",
    };

    // A people's adjective ("the Chinese", "Americans") is not its government.
    private static readonly HashSet<string> StateNames = new(Countries.SelectMany(c => c.Names).Where(n => !Demonyms.Contains(n)), StringComparer.OrdinalIgnoreCase);

    // Also what a loose source span carries around the name: "with the U.S. (asserting)", "Beijing, however, (says)".
    [GeneratedRegex(@"^(?:(?:with|and|but|while|as|whereas)\s+)?(?:the\s+)?|['’]s(?=,|$)|\s+government(?=,|$)|,.*$", RegexOptions.IgnoreCase)]
    private static partial Regex BareStateName();
}
