using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Storyline.Stories;

/// <summary>Document frequencies of terms in a general news corpus, so that a young store (a handful of articles, all on one
/// story) does not mistake the story's own vocabulary for common words: with five articles about Xinjiang, "Xinjiang" is in every
/// one of them, yet it is rare in news at large and is exactly what ties them together.</summary>
public sealed class BackgroundFrequencies
{
    private const string ResourceName = "Storyline.Stories.Model.background-df.br";
    private static readonly Lazy<BackgroundFrequencies> Embedded = new(LoadEmbedded);

    /// <summary>Creates a table from counts.</summary>
    public BackgroundFrequencies(int documents, IReadOnlyDictionary<string, int> frequencies)
    {
        Documents = documents;
        Frequencies = frequencies;
    }

    /// <summary>Number of documents counted.</summary>
    public int Documents { get; }

    /// <summary>Documents containing each term.</summary>
    public IReadOnlyDictionary<string, int> Frequencies { get; }

    /// <summary>No background: frequencies come from the store alone.</summary>
    public static BackgroundFrequencies None { get; } = new(0, new Dictionary<string, int>());

    /// <summary>The table shipped with Storyline (built by <c>bench stories-background</c> from the CoNLL-2003 training articles), or <see cref="None"/> when absent.</summary>
    public static BackgroundFrequencies Default => Embedded.Value;

    /// <summary>Counts document frequencies of <paramref name="vectorizer"/>'s terms over <paramref name="documents"/>, keeping terms seen in at least <paramref name="minDocuments"/>.</summary>
    public static BackgroundFrequencies Build(IEnumerable<string> documents, TermVectorizer vectorizer, int minDocuments = 2)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int n = 0;
        foreach (var doc in documents)
        {
            n++;
            foreach (var term in vectorizer.Terms(null, doc).Keys) counts[term] = counts.GetValueOrDefault(term) + 1;
        }
        return new BackgroundFrequencies(n, counts.Where(kv => kv.Value >= minDocuments).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
    }

    /// <summary>Writes the table Brotli-compressed, one "term TAB count" line per term in ordinal order (reproducible bytes).</summary>
    public void Save(Stream stream)
    {
        using var brotli = new BrotliStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new StreamWriter(brotli, new UTF8Encoding(false)) { NewLine = "\n" };
        writer.WriteLine(Documents.ToString(CultureInfo.InvariantCulture));
        foreach (var (term, count) in Frequencies.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            writer.WriteLine($"{term}\t{count.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Reads a table written by <see cref="Save"/>.</summary>
    public static BackgroundFrequencies Load(Stream stream)
    {
        using var brotli = new BrotliStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(brotli, Encoding.UTF8);
        var documents = int.Parse(reader.ReadLine() ?? "0", CultureInfo.InvariantCulture);
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0) frequencies[line[..tab]] = int.Parse(line.AsSpan(tab + 1), CultureInfo.InvariantCulture);
        }
        return new BackgroundFrequencies(documents, frequencies);
    }

    private static BackgroundFrequencies LoadEmbedded()
    {
        using var stream = typeof(BackgroundFrequencies).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? None : Load(stream);
    }
}
