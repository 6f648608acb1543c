using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Storyline.Briefing;

/// <summary>Renders a briefing as one standalone HTML page: every section, numbered citation links to a source list that quotes each
/// cited sentence, no script, a Content-Security-Policy that allows only the page's own stylesheet, and every article-derived string
/// HTML-encoded (links only to http and https addresses).</summary>
public static class HtmlBriefingRenderer
{
    private const string Stylesheet =
        "body{font:16px/1.55 Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}" +
        "h1{font-size:1.7rem;line-height:1.25}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}" +
        ".summary{font-style:italic}sup a{text-decoration:none}.empty{color:#666}" +
        ".sources li{margin-bottom:.8rem}.sources blockquote{margin:.3rem 0 0 1rem;color:#444}.meta{color:#555;font-size:.9rem}";

    // The only thing the page may load or run: its own stylesheet, by hash. No script, no images, no frames, no forms, no base.
    private static readonly string Policy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Stylesheet)))}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>The HTML page.</summary>
    public static string Render(StoryBriefing briefing)
    {
        var sb = new StringBuilder();
        var footnotes = new FootnoteNumbers();
        var notes = footnotes.Notes;
        string Refs(BriefingSentence s) => footnotes.References(s, n => $"<sup><a href=\"#source-{FootnoteNumbers.Number(n)}\">[{FootnoteNumbers.Number(n)}]</a></sup>");

        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(Policy).Append("\">\n");
        sb.Append("<meta name=\"referrer\" content=\"no-referrer\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>").Append(Encode(briefing.Headline)).Append("</title>\n");
        sb.Append("<style>").Append(Stylesheet).Append("</style>\n</head>\n<body>\n<article>\n");
        sb.Append("<h1>").Append(Encode(briefing.Headline)).Append("</h1>\n");
        sb.Append("<p class=\"summary\">").Append(Encode(briefing.Summary.Text)).Append(Refs(briefing.Summary)).Append("</p>\n");
        foreach (var section in briefing.Sections)
        {
            sb.Append("<section>\n<h2>").Append(Encode(section.Title)).Append("</h2>\n");
            if (section.Sentences.Count == 0) sb.Append("<p class=\"empty\">Nothing in the coverage yet.</p>\n");
            else if (section.Bulleted)
            {
                sb.Append("<ul>\n");
                foreach (var sentence in section.Sentences) sb.Append("<li>").Append(Encode(sentence.Text)).Append(Refs(sentence)).Append("</li>\n");
                sb.Append("</ul>\n");
            }
            else
            {
                foreach (var sentence in section.Sentences) sb.Append("<p>").Append(Encode(sentence.Text)).Append(Refs(sentence)).Append("</p>\n");
            }
            sb.Append("</section>\n");
        }
        if (notes.Count > 0)
        {
            sb.Append("<section class=\"sources\">\n<h2>Sources</h2>\n<ol>\n");
            for (int i = 0; i < notes.Count; i++)
            {
                var c = notes[i];
                sb.Append(CultureInfo.InvariantCulture, $"<li id=\"source-{i + 1}\">");
                if (!briefing.Sources.TryGetValue(c.DocumentId, out var source))
                {
                    sb.Append(CultureInfo.InvariantCulture, $"doc {c.DocumentId}</li>\n");
                    continue;
                }
                var title = Encode(source.Title);
                if (SafeLink(source.Url) is { } url) sb.Append("<a href=\"").Append(Encode(url)).Append("\" rel=\"noopener noreferrer nofollow\">").Append(title).Append("</a>");
                else sb.Append("<cite>").Append(title).Append("</cite>");
                sb.Append("<span class=\"meta\">");
                if (source.Publisher is { } publisher) sb.Append(", ").Append(Encode(publisher));
                if (source.PublishedLabel is { } date) sb.Append(", ").Append(date);
                sb.Append(CultureInfo.InvariantCulture, $", doc {c.DocumentId}, chars {c.Span.Start}–{c.Span.End}</span>");
                var quoted = c.Span.Start >= 0 && c.Span.End <= source.Text.Length ? c.Span.Slice(source.Text).Trim() : "";
                if (quoted.Length > 0) sb.Append("<blockquote>").Append(Encode(quoted)).Append("</blockquote>");
                sb.Append("</li>\n");
            }
            sb.Append("</ol>\n</section>\n");
        }
        sb.Append("</article>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>The address when it is an absolute http or https URL; null otherwise (javascript:, data:, relative and malformed addresses are not linked).</summary>
    internal static string? SafeLink(string? url) =>
        url is not null && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsoluteUri : null;

    /// <summary>Text and attribute-value encoding: the five significant characters, and line breaks and controls flattened.</summary>
    internal static string Encode(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\n' or '\r' or '\t': sb.Append(' '); break;
                default:
                    if (char.IsControl(ch)) sb.Append(' ');
                    else sb.Append(ch);
                    break;
            }
        }
        return sb.ToString();
    }
}
