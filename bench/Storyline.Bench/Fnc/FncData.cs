using System.Globalization;
using System.Text;
using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Bench.Fnc;

/// <summary>One FNC-1 stance row: headline, body id and gold label (FNC names: agree, disagree, discuss, unrelated).</summary>
internal sealed record FncPair(string Headline, int BodyId, string Stance);

/// <summary>Reads FNC-1 bodies, stances and the hold-out split files.</summary>
internal static class FncData
{
    public static Dictionary<int, string> Bodies(string path) =>
        StoriesBench.ReadCsv(path).Skip(1).Where(r => r.Count >= 2).ToDictionary(r => int.Parse(r[0], CultureInfo.InvariantCulture), r => r[1]);

    /// <summary>The first <paramref name="limit"/> bodies by id that cleaning keeps (a body with no article text left after cleaning is
    /// skipped, as ingest rejects it), cleaned as pasted text and held as stored documents (id = body id).</summary>
    public static List<StoredDocument> Documents(string path, int limit, CancellationToken cancellationToken)
    {
        var pipeline = DocumentPipeline.CreateDefault();
        var documents = new List<StoredDocument>();
        foreach (var (id, body) in Bodies(path).OrderBy(p => p.Key))
        {
            if (documents.Count == limit) break;
            ProcessedDocument content;
            try
            {
                content = pipeline.Process(new RawInput($"fnc-{id}.txt", null, "text/plain", Encoding.UTF8.GetBytes(body), DateTimeOffset.UnixEpoch, InputHints.None),
                    cancellationToken);
            }
            catch (InputRejectedException)
            {
                continue;
            }
            documents.Add(new StoredDocument(id, $"fnc-{id}", null, content, null, DateTimeOffset.UnixEpoch));
        }
        return documents;
    }

    public static List<FncPair> Stances(string path) =>
        [.. StoriesBench.ReadCsv(path).Skip(1).Where(r => r.Count >= 2 && r[0].Length > 0)
            .Select(r => new FncPair(r[0], int.Parse(r[1], CultureInfo.InvariantCulture), r.Count > 2 ? r[2].Trim() : ""))];

    /// <summary>Body ids of a split: <paramref name="split"/> is a file, or a folder holding <c>{name}_ids.txt</c> with the name given.</summary>
    public static HashSet<int> SplitIds(string fileOrFolder, string name)
    {
        var path = Directory.Exists(fileOrFolder) ? Path.Combine(fileOrFolder, name + "_ids.txt") : fileOrFolder;
        return [.. File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture))];
    }
}
