namespace Storyline.Tests.Specs;

/// <summary>One example of a spec file: its heading, the options lines before its input, the input text and the expected output lines.</summary>
public sealed record SpecExample(string Name, IReadOnlyDictionary<string, string> Options, string Input, IReadOnlyList<string> Expected);

/// <summary>
/// Reads the markdown spec files under Specs/: each "## " heading starts an example, "key: value" lines set its options, a ```text
/// block is its input and an ```expect block its expected output, one line each. The files are documentation first, so everything
/// else in them (prose, other blocks) is ignored.
/// </summary>
public static class SpecFile
{
    /// <summary>The examples of a spec file, in file order.</summary>
    public static IReadOnlyList<SpecExample> Read(string path)
    {
        var examples = new List<SpecExample>();
        var lines = File.ReadAllLines(path);
        string? name = null;
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? input = null;
        List<string>? expected = null;
        void Flush()
        {
            if (name is not null && input is not null) examples.Add(new SpecExample(name, options, input, expected ?? []));
            options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            input = null;
            expected = null;
        }
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                name = line[3..].Trim();
            }
            else if (name is not null && line.StartsWith("```", StringComparison.Ordinal) && line.Length > 3)
            {
                var kind = line[3..].Trim();
                var block = new List<string>();
                for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++) block.Add(lines[i]);
                if (kind == "text") input = string.Join("\n", block);
                else if (kind == "expect") expected = block;
            }
            else if (name is not null && input is null && Option(line) is { } option)
            {
                options[option.Key] = option.Value;
            }
        }
        Flush();
        return examples;
    }

    // "reference: 2020-07-10": a one-word key, a colon and a value.
    private static KeyValuePair<string, string>? Option(string line)
    {
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !line[..colon].All(char.IsLetter)) return null;
        return new(line[..colon], line[(colon + 1)..].Trim());
    }

    /// <summary>Replaces the expect block of example <paramref name="name"/> with <paramref name="actual"/> (golden update mode).</summary>
    public static void WriteExpected(string path, string name, IReadOnlyList<string> actual)
    {
        var lines = File.ReadAllLines(path).ToList();
        int heading = lines.FindIndex(l => l.StartsWith("## ", StringComparison.Ordinal) && l[3..].Trim() == name);
        if (heading < 0) throw new InvalidOperationException($"no example '{name}' in {path}");
        int next = lines.FindIndex(heading + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        if (next < 0) next = lines.Count;
        int open = lines.FindIndex(heading, next - heading, l => l.Trim() == "```expect");
        if (open < 0)
        {
            // No expect block yet: add one after the text block.
            int text = lines.FindIndex(heading, next - heading, l => l.Trim() == "```text");
            int close = lines.FindIndex(text + 1, l => l.StartsWith("```", StringComparison.Ordinal));
            lines.InsertRange(close + 1, ["", "```expect", .. actual, "```"]);
        }
        else
        {
            int close = lines.FindIndex(open + 1, l => l.StartsWith("```", StringComparison.Ordinal));
            lines.RemoveRange(open + 1, close - open - 1);
            lines.InsertRange(open + 1, actual);
        }
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
    }
}
