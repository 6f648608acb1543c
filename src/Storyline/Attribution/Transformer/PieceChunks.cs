using Storyline.Language.Embeddings;
using Storyline.Text;

namespace Storyline.Attribution.Transformer;

/// <summary>A piece of one sentence as the transformer reads it: [CLS], the word pieces of engine tokens
/// <see cref="First"/>.., [SEP]; <see cref="Starts"/> holds each token's first piece (where its tag is read).</summary>
internal sealed record PieceChunk(int Sentence, int First, int[] Ids, int[] Starts);

/// <summary>Cuts sentences into chunks of at most <see cref="MaxPieces"/> word pieces, as the tagger was trained (the fine-tuning
/// experiment in bench/Storyline.Bench.FineTune calls this too, so training and inference cut alike).</summary>
internal static class PieceChunks
{
    /// <summary>Word pieces per chunk besides [CLS] and [SEP].</summary>
    public const int MaxPieces = 126;

    // A token of more pieces (a URL, a long number) keeps its first 16: its tag is read from the first.
    private const int MaxPiecesPerToken = 16;

    /// <summary>Appends sentence <paramref name="sentence"/>'s chunks to <paramref name="into"/> (none for a sentence without tokens).</summary>
    public static void Add(WordPieces pieces, string text, TextAnalysis analysis, int sentence, List<PieceChunk> into)
    {
        var tokens = analysis.Tokens;
        var s = analysis.Sentences[sentence];
        int end = Math.Min(tokens.Count, s.FirstToken + s.TokenCount), first = s.FirstToken;
        var ids = new List<int>();
        var pieceIds = new List<int> { WordPieces.Cls };
        var starts = new List<int>();
        for (int t = s.FirstToken; t <= end; t++)
        {
            if (t < end)
            {
                ids.Clear();
                pieces.Append(tokens[t].Text(text), ids);
                if (ids.Count == 0) ids.Add(WordPieces.Unk);
                if (ids.Count > MaxPiecesPerToken) ids.RemoveRange(MaxPiecesPerToken, ids.Count - MaxPiecesPerToken);
                if (pieceIds.Count - 1 + ids.Count <= MaxPieces) { starts.Add(pieceIds.Count); pieceIds.AddRange(ids); continue; }
            }
            if (starts.Count > 0)
            {
                pieceIds.Add(WordPieces.Sep);
                into.Add(new PieceChunk(sentence, first, [.. pieceIds], [.. starts]));
            }
            if (t == end) break;
            first = t;
            pieceIds = [WordPieces.Cls];
            starts = [pieceIds.Count];
            pieceIds.AddRange(ids);
        }
    }
}
