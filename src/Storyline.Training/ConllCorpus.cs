using Storyline.Entities;

namespace Storyline.Training;

/// <summary>One sentence of a CoNLL file: its tokens, the tag of each token (last column) and the index of its document.</summary>
public sealed record ConllSentence(IReadOnlyList<string> Tokens, IReadOnlyList<string> Tags, int Document);

/// <summary>Reads CoNLL-format files: one token per line with the tag in the last column, blank lines between sentences, -DOCSTART- lines between documents.</summary>
public static class ConllCorpus
{
    /// <summary>Reads every sentence of the file at <paramref name="path"/>.</summary>
    public static List<ConllSentence> Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    /// <summary>Reads every sentence from <paramref name="reader"/>.</summary>
    public static List<ConllSentence> Read(TextReader reader)
    {
        var sentences = new List<ConllSentence>();
        var tokens = new List<string>();
        var tags = new List<string>();
        int document = 0;
        void Flush()
        {
            if (tokens.Count > 0) sentences.Add(new ConllSentence([.. tokens], [.. tags], document));
            tokens.Clear();
            tags.Clear();
        }
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) { Flush(); continue; }
            var columns = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (columns[0] == "-DOCSTART-")
            {
                Flush();
                if (sentences.Count > 0) document++;
                continue;
            }
            tokens.Add(columns[0]);
            tags.Add(columns.Length > 1 ? columns[^1] : "O");
        }
        Flush();
        return sentences;
    }

    /// <summary>The gold entities of a sentence, read from its tags with conlleval's chunk rules.</summary>
    public static List<EntitySpan> Entities(ConllSentence sentence) => ConllEval.Chunks(sentence.Tags);
}
