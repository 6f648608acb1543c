using System.Globalization;
using System.Text;

namespace Storyline.Briefing;

/// <summary>Renders a briefing as Markdown with numbered footnotes; each footnote quotes the source sentence and names its document.</summary>
public static class MarkdownBriefingRenderer
{
    /// <summary>The Markdown text.</summary>
    public static string Render(StoryBriefing briefing)
    {
        var sb = new StringBuilder();
        var footnotes = new FootnoteNumbers();
        var notes = footnotes.Notes;
        string Refs(BriefingSentence s) => footnotes.References(s, n => $"[^{FootnoteNumbers.Number(n)}]");

        sb.Append("# ").AppendLine(Escape(briefing.Headline)).AppendLine();
        sb.Append('*').Append(Escape(briefing.Summary.Text)).Append('*').AppendLine(Refs(briefing.Summary)).AppendLine();
        foreach (var section in briefing.Sections)
        {
            sb.Append("## ").AppendLine(Escape(section.Title)).AppendLine();
            if (section.Sentences.Count == 0) sb.AppendLine("_Nothing in the coverage yet._");
            foreach (var sentence in section.Sentences)
            {
                if (section.Bulleted) sb.Append("- ");
                sb.Append(Escape(sentence.Text)).AppendLine(Refs(sentence));
                if (!section.Bulleted) sb.AppendLine();
            }
            sb.AppendLine();
        }
        if (notes.Count > 0) sb.AppendLine("---").AppendLine();
        for (int i = 0; i < notes.Count; i++)
        {
            var c = notes[i];
            var source = briefing.Sources[c.DocumentId];
            var quoted = c.Span.End <= source.Text.Length ? c.Span.Slice(source.Text) : "";
            if (quoted.Length > 240) quoted = quoted[..237] + "…";
            var date = source.PublishedLabel is { } label ? " " + label : "";
            var where = source.Publisher is null ? "" : $", {Escape(source.Publisher)}";
            sb.AppendLine(CultureInfo.InvariantCulture, $"[^{i + 1}]: doc {c.DocumentId} “{Escape(source.Title)}”{where}{date}, chars {c.Span.Start}–{c.Span.End}: “{Escape(quoted)}”");
        }
        return sb.ToString();
    }

    // Source text is not Markdown: keep it from turning into links, emphasis or HTML.
    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|') sb.Append('\\');
            sb.Append(ch == '\n' ? ' ' : ch);
        }
        return sb.ToString();
    }
}
