using System.Security.Cryptography;

namespace Storyline.Language.Embeddings;

/// <summary>Keeps the int8 model (<see cref="Int8Quantizer"/>) on disk between processes: quantizing parses and rewrites the 91 MB
/// float model, about 1.4 s of each process's start (a one-document <c>ingest</c> took about 4 CPU-seconds in all); reading it back
/// takes a fraction of that. The file holds the model bytes followed by their SHA-256, is written to a temporary name and moved into
/// place, and is named after the builds of both assemblies that made it, so a damaged, partly written or outdated file is never used:
/// it is quantized again and rewritten.</summary>
internal static class QuantizedModelCache
{
    // Each kind of model has its own prefix, and clean-up only removes files of the same prefix: the sentence embedder's cached
    // model and the attribution tagger's do not delete each other. Neither prefix is the start of the other.
    private const string Prefix = "all-MiniLM-L6-v2-int8-";
    private const int KeyChars = 16;

    /// <summary>The folder used when none is configured: <c>$STORYLINE_CACHE</c>, else <c>$XDG_CACHE_HOME/storyline</c>, else
    /// <c>~/.cache/storyline</c>; null when none can be found.</summary>
    public static string? DefaultDirectory()
    {
        if (Environment.GetEnvironmentVariable("STORYLINE_CACHE") is { Length: > 0 } configured) return configured;
        if (Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg) return Path.Combine(xdg, "storyline");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return home.Length > 0 ? Path.Combine(home, ".cache", "storyline") : null;
    }

    /// <summary>The file name for the model built by this build of Storyline from this build of the package's model.</summary>
    public static string FileName(Guid source, Guid quantizer) => FileName(Prefix, [.. source.ToByteArray(), .. quantizer.ToByteArray()]);

    /// <summary>The file name for a model of kind <paramref name="prefix"/> (letters, digits and '-', ending in '-') built from what
    /// <paramref name="key"/> identifies (builds, input files): another key gives another file.</summary>
    public static string FileName(string prefix, ReadOnlySpan<byte> key) =>
        prefix + Convert.ToHexStringLower(SHA256.HashData(key))[..KeyChars] + ".onnx";

    /// <summary>The cached model in <paramref name="directory"/> under <paramref name="fileName"/> when it is there and whole; otherwise
    /// <paramref name="build"/>'s, stored for next time (other versions' files are removed). The cache is best effort: when the folder
    /// cannot be read or written, the model is built and used all the same. Null <paramref name="directory"/>: no cache.</summary>
    public static byte[] GetOrBuild(string? directory, string fileName, Func<byte[]> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (string.IsNullOrEmpty(directory)) return build();
        var path = Path.Combine(directory, fileName);
        if (TryRead(path) is { } cached) return cached;
        var model = build();
        TryWrite(directory, path, model);
        return model;
    }

    private static byte[]? TryRead(string path)
    {
        try
        {
            var data = File.ReadAllBytes(path);
            if (data.Length <= SHA256.HashSizeInBytes) return null;
            var body = data.AsSpan(0, data.Length - SHA256.HashSizeInBytes);
            if (!SHA256.HashData(body).AsSpan().SequenceEqual(data.AsSpan(body.Length))) return null;
            return body.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryWrite(string directory, string path, byte[] model)
    {
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(model);
                file.Write(SHA256.HashData(model));
            }
            File.Move(temporary, path, overwrite: true);
            // Each build of Storyline keys a new file: remove the others of the same kind (59 MB each) rather than let them pile up.
            var name = Path.GetFileName(path);
            var prefix = name[..^(KeyChars + ".onnx".Length)];
            foreach (var old in Directory.EnumerateFiles(directory, prefix + "*.onnx"))
                if (!string.Equals(old, path, StringComparison.Ordinal) && Path.GetFileName(old).Length == name.Length)
                    try { File.Delete(old); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temporary); } catch (Exception inner) when (inner is IOException or UnauthorizedAccessException) { }
        }
    }
}
