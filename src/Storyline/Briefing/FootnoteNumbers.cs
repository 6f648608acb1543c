using System.Globalization;
using System.Text;

namespace Storyline.Briefing;

/// <summary>Numbers citations in order of first use, as renderers show them (footnotes, source lists).</summary>
internal sealed class FootnoteNumbers
{
    private readonly List<Citation> _notes = [];
    private readonly Dictionary<Citation, int> _numbers = [];

    /// <summary>The cited passages, in footnote order (number = index + 1).</summary>
    public IReadOnlyList<Citation> Notes => _notes;

    /// <summary>The footnote references of a sentence, each written by <paramref name="reference"/> from its 1-based number.</summary>
    public string References(BriefingSentence sentence, Func<int, string> reference)
    {
        var refs = new StringBuilder();
        foreach (var c in sentence.Citations)
        {
            if (!_numbers.TryGetValue(c, out var n))
            {
                _notes.Add(c);
                n = _notes.Count;
                _numbers[c] = n;
            }
            refs.Append(reference(n));
        }
        return refs.ToString();
    }

    /// <summary>Formats a number for markup.</summary>
    public static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
