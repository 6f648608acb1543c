using System.Text.RegularExpressions;
using static Storyline.Time.Rules.ResolveHelpers;

namespace Storyline.Time.Rules;

/// <summary>The words around a duration that the duration patterns leave out: a determiner or approximation before it ("the past",
/// "about") and a direction word after it ("ago", "from now").</summary>
internal static partial class DurationEdges
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    private static readonly string[] ApproxPhrases = SortedByLength(
        "about", "around", "approximately", "roughly", "some", "nearly", "almost", "more than", "over", "less than", "under", "at least", "at most",
        "up to", "no more than", "no less than", "just", "only", "barely", "well over", "close to", "the better part of", "a full", "fully");

    private static readonly string[] PrePhrases = SortedByLength(
        "the past", "the last", "the next", "the first", "the latest", "the previous", "the coming", "the following", "the final", "the remaining",
        "the initial", "the recent", "the entire", "the whole", "the full", "the same", "the other", "past", "last", "next", "first", "coming",
        "following", "recent", "final", "another", "an additional", "additional", "the");

    private static string[] SortedByLength(params string[] phrases) => [.. phrases.OrderByDescending(p => p.Length)];

    /// <summary>Extends a duration leftwards over a determiner ("the past") and an approximation ("about"), returning the new start.
    /// Done in code rather than in the pattern: optional prefixes made the duration patterns several times slower.</summary>
    internal static (int Start, DurationPrefix Prefix) ExtendDurationLeft(string text, int start, int end)
    {
        string? pre = null, approx = null;
        // A hyphenated duration ("the 30-day period") is an adjective: the article belongs to the noun phrase.
        bool adjective = text.AsSpan(start, end - start).Contains('-');
        if (PhraseBefore(text, start, PrePhrases) is { } p && !(adjective && p.Phrase == "the"))
        {
            pre = p.Phrase;
            start = p.Start;
        }
        if (PhraseBefore(text, start, ApproxPhrases) is { } a && !(a.Phrase is "over" or "under" && pre is not null && pre.StartsWith("the", StringComparison.Ordinal)))
        {
            approx = a.Phrase;
            start = a.Start;
        }
        return (start, new DurationPrefix(approx, pre));
    }

    private static (string Phrase, int Start)? PhraseBefore(string text, int start, string[] phrases)
    {
        int end = start;
        while (end > 0 && text[end - 1] is ' ' or '\t' or '\n') end--;
        if (end == start || end == 0) return null;
        foreach (var phrase in phrases)
        {
            int s = end - phrase.Length;
            if (s < 0 || (s > 0 && (char.IsLetterOrDigit(text[s - 1]) || text[s - 1] is '\'' or '’' or '-'))) continue;
            if (MatchesLoosely(text, s, phrase)) return (phrase, s);
        }
        return null;
    }

    // Case-insensitive comparison where a space in the phrase matches one whitespace character.
    private static bool MatchesLoosely(string text, int s, string phrase)
    {
        for (int k = 0; k < phrase.Length; k++)
        {
            char a = text[s + k], b = phrase[k];
            if (b == ' ' ? !char.IsWhiteSpace(a) : char.ToLowerInvariant(a) != b) return false;
        }
        return true;
    }

    // A duration followed by "ago", "earlier", "later" or "from now" is a point in time: "10 days ago".
    private static readonly Regex AgoSuffix = AgoSuffixRx();

    [GeneratedRegex(@"\G\s+(?:or\s+so\s+)?(?<dir>ago|earlier|later|hence|from\s+now|previously|before(?=\s*[.,;)]))(?![\w])", Options)]
    private static partial Regex AgoSuffixRx();

    /// <summary>The direction word right after a duration ending at <paramref name="end"/>, and the length it adds, or null.</summary>
    internal static (string Direction, int Length)? AgoDirection(string text, int end)
    {
        if (end >= text.Length) return null;
        var m = AgoSuffix.Match(text, end);
        return m.Success && m.Index == end ? (Squash(m.Groups["dir"].Value), m.Length) : null;
    }
}
