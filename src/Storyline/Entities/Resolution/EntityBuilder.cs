namespace Storyline.Entities.Resolution;

/// <summary>An entity being built up: its key and name, and the roles, affiliations and aliases its mentions add.</summary>
internal sealed class EntityBuilder(string key, string name, string type)
{
    public string Key { get; } = key;
    public string Name { get; set; } = name;
    public string Type { get; } = type;
    public List<string> Roles { get; } = [];
    public List<string> Affiliations { get; } = [];
    public List<string> Aliases { get; } = [];

    public static void AddDistinct(List<string> list, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        value = EntityResolver.WhiteSpace().Replace(value.Trim(), " ");
        if (!list.Contains(value, StringComparer.OrdinalIgnoreCase)) list.Add(value);
    }

    // "President" adds nothing to "Chinese President"; the longer wording replaces the shorter.
    public static void AddRole(List<string> list, string value)
    {
        value = EntityResolver.WhiteSpace().Replace(value.Trim(), " ");
        if (value.Length == 0 || list.Any(r => r.Equals(value, StringComparison.OrdinalIgnoreCase) || r.EndsWith(" " + value, StringComparison.OrdinalIgnoreCase))) return;
        int shorter = list.FindIndex(r => value.EndsWith(" " + r, StringComparison.OrdinalIgnoreCase));
        if (shorter >= 0) list[shorter] = value;
        else list.Add(value);
    }

    public ResolvedEntity Build() => new(Key, Name, Type, [.. Roles], [.. Affiliations],
        [.. Aliases.Where(a => !string.Equals(a, Name, StringComparison.OrdinalIgnoreCase))]);
}
