using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Storyline.Briefing;

/// <summary>Options for <see cref="LlmBriefingWriter"/>.</summary>
/// <param name="Timeout">How long the model may take before the extractive briefing is used instead.</param>
/// <param name="Model">Model id passed with the request, when the client needs one.</param>
/// <param name="MaxStatements">Most attributed statements given to the model as evidence.</param>
/// <param name="Temperature">Sampling temperature.</param>
public sealed record LlmBriefingOptions(TimeSpan Timeout, string? Model = null, int MaxStatements = 24, float Temperature = 0)
{
    /// <summary>Sixty seconds, the client's default model.</summary>
    public static LlmBriefingOptions Default { get; } = new(TimeSpan.FromSeconds(60));
}

/// <summary>What the language-model writer did: the briefing, whether it fell back to the extractive one and why, and the generated sentences it dropped.</summary>
public sealed record LlmBriefingReport(StoryBriefing Briefing, bool FellBack, string? FallbackReason, IReadOnlyList<string> Dropped);

/// <summary>A briefing writer that has a language model rewrite the extractive briefing's evidence into prose. The model sees only numbered
/// evidence (the source sentences the extractive writer chose and attributed statements) and answers JSON sentences with evidence ids;
/// each sentence is checked against the text it cites (numbers and capitalised names must appear there, a statement must be attributed to
/// its speaker) and dropped when it fails; a section left empty keeps the extractive one. Any error, invalid answer or timeout gives the
/// extractive briefing.</summary>
public sealed class LlmBriefingWriter : IBriefingWriter
{
    private readonly IChatClient _client;
    private readonly LlmBriefingOptions _options;
    private readonly ExtractiveBriefingWriter _extractive;
    private readonly TimeProvider _time;

    /// <summary>A writer over <paramref name="client"/>; <paramref name="extractive"/> supplies the evidence and the fallback.</summary>
    public LlmBriefingWriter(IChatClient client, LlmBriefingOptions? options = null, ExtractiveBriefingWriter? extractive = null, TimeProvider? time = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? LlmBriefingOptions.Default;
        _extractive = extractive ?? new ExtractiveBriefingWriter();
        _time = time ?? TimeProvider.System;
    }

    private static readonly string[] MainSections = [SectionTitles.ExecutiveSummary, SectionTitles.StorySoFar, SectionTitles.WhyThisMatters, SectionTitles.WhoThinksWhat];

    /// <inheritdoc />
    public async Task<StoryBriefing> WriteAsync(long storyId, IReadOnlyList<AnalysedDocument> documents, IReadOnlyList<Statement> statements, CancellationToken cancellationToken = default) =>
        (await WriteWithReportAsync(storyId, documents, statements, cancellationToken).ConfigureAwait(false)).Briefing;

    /// <summary>Writes the briefing and reports whether the model's answer was used.</summary>
    public async Task<LlmBriefingReport> WriteWithReportAsync(long storyId, IReadOnlyList<AnalysedDocument> documents, IReadOnlyList<Statement> statements, CancellationToken cancellationToken = default)
    {
        var baseline = _extractive.Write(storyId, documents, statements, cancellationToken);
        var evidence = Evidence(baseline, documents, statements, _options.MaxStatements);
        if (evidence.Count == 0) return new LlmBriefingReport(baseline, true, "no evidence to give the model", []);
        string answer;
        try
        {
            using var timeout = new CancellationTokenSource(_options.Timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var messages = new List<ChatMessage> { new(ChatRole.System, Instructions), new(ChatRole.User, Prompt(evidence)) };
            var chatOptions = new ChatOptions { Temperature = _options.Temperature, ResponseFormat = ChatResponseFormat.Json, ModelId = _options.Model };
            // WaitAsync as well as the token: a client that ignores cancellation still cannot hold the briefing past the timeout.
            var response = await _client.GetResponseAsync(messages, chatOptions, linked.Token).WaitAsync(_options.Timeout, _time, cancellationToken).ConfigureAwait(false);
            answer = response.Text;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new LlmBriefingReport(baseline, true, $"no answer within {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", []);
        }
        catch (TimeoutException)
        {
            return new LlmBriefingReport(baseline, true, $"no answer within {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", []);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new LlmBriefingReport(baseline, true, $"the model failed: {e.Message}", []);
        }

        Answer? parsed;
        try { parsed = Parse(answer ?? ""); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException) { parsed = null; }
        if (parsed is null) return new LlmBriefingReport(baseline, true, "the model's answer is not the JSON asked for", []);

        var byId = evidence.ToDictionary(e => e.Id);
        var dropped = new List<string>();
        List<BriefingSentence> Checked(IEnumerable<AnswerSentence> sentences)
        {
            var kept = new List<BriefingSentence>();
            foreach (var s in sentences)
            {
                var text = s.Text.Trim();
                var cited = s.Citations.Distinct().Select(id => byId.GetValueOrDefault(id)).ToList();
                var problem = text.Length == 0 ? "empty"
                    : cited.Count == 0 ? "no citation"
                    : cited.Any(c => c is null) ? "cites evidence that does not exist"
                    : BriefingSentenceChecker.Problem(text, cited!);
                if (problem is null) kept.Add(new BriefingSentence(text, [.. cited.Select(c => c!.Citation).Distinct()]));
                else dropped.Add($"{text} ({problem})");
            }
            return kept;
        }

        var summary = parsed.Summary is { } sum ? Checked([sum]).FirstOrDefault() : null;
        var sections = new List<BriefingSection>();
        foreach (var title in MainSections)
        {
            var original = baseline.Sections.First(s => s.Title == title);
            var written = parsed.Sections.Where(s => string.Equals(s.Title.Trim(), title, StringComparison.OrdinalIgnoreCase)).SelectMany(s => s.Sentences).ToList();
            var kept = Checked(written);
            sections.Add(kept.Count > 0 ? original with { Sentences = kept } : original);
        }
        // The development sections stay extractive: they are where a reader checks the prose against the sources.
        sections.AddRange(baseline.Sections.Where(s => !MainSections.Contains(s.Title)));
        var briefing = baseline with { Summary = summary ?? baseline.Summary, Sections = sections };
        return new LlmBriefingReport(briefing, false, null, dropped);
    }

    /// <summary>One numbered piece of evidence: a source sentence, or a statement with its speaker.</summary>
    internal sealed record EvidenceItem(int Id, Citation Citation, string Text, Statement? Statement, string Label, bool Latest);

    internal static List<EvidenceItem> Evidence(StoryBriefing baseline, IReadOnlyList<AnalysedDocument> documents, IReadOnlyList<Statement> statements, int maxStatements = 24)
    {
        var docs = documents.ToDictionary(d => d.Document.Id);
        var originals = documents.Where(d => d.Document.DuplicateOf is null).ToList();
        if (originals.Count == 0) originals = [.. documents];
        var latestDevelopment = originals.MaxBy(d => (d.SortDate, d.Document.Id))!.Development;
        var items = new List<EvidenceItem>();
        var seen = new HashSet<Citation>();
        string Label(AnalysedDocument d)
        {
            var meta = d.Document.Content.Metadata;
            var parts = new List<string> { $"doc {d.Document.Id}" };
            if (meta.Publisher is { Length: > 0 } publisher) parts.Add(publisher);
            if (meta.Published is { } p) parts.Add(p.Label);
            return string.Join(", ", parts);
        }
        var whoCitations = baseline.Sections.Where(s => s.Title == SectionTitles.WhoThinksWhat).SelectMany(s => s.Sentences).SelectMany(s => s.Citations).ToHashSet();
        foreach (var sentence in baseline.Sections.Where(s => s.Title != SectionTitles.WhoThinksWhat).SelectMany(s => s.Sentences).Prepend(baseline.Summary))
        {
            foreach (var c in sentence.Citations)
            {
                if (!docs.TryGetValue(c.DocumentId, out var doc) || c.Span.End > doc.Text.Length || !seen.Add(c)) continue;
                items.Add(new EvidenceItem(items.Count + 1, c, c.Span.Slice(doc.Text).Trim(), null, Label(doc), doc.Development == latestDevelopment));
            }
        }
        // Statements: those the extractive "Who Thinks What?" leads with first, then the most-quoted speakers of each camp.
        var named = statements.Where(s => s.Speaker != "unidentified speaker" && docs.TryGetValue(s.Citation.DocumentId, out var d) && s.Citation.Span.End <= d.Text.Length).ToList();
        var ordered = named.Where(s => whoCitations.Contains(s.Citation))
            .Concat(named.GroupBy(s => s.Speaker).OrderByDescending(g => g.Count()).SelectMany(g => g.OrderByDescending(s => s.Verbatim).Take(3)));
        var statementCitations = new HashSet<Citation>();
        foreach (var s in ordered)
        {
            if (statementCitations.Count >= maxStatements) break;
            if (!statementCitations.Add(s.Citation)) continue;
            var doc = docs[s.Citation.DocumentId];
            items.Add(new EvidenceItem(items.Count + 1, s.Citation, s.Text.Trim(), s, Label(doc), doc.Development == latestDevelopment));
        }
        return items;
    }

    private const string Instructions =
        """
        You write a neutral news briefing on one contested story. Use ONLY the numbered evidence you are given; never add facts, numbers,
        names, dates or places that are not in the evidence you cite. Every sentence cites the ids of the evidence it rests on.
        A STATEMENT is one side's claim: never state it as fact; always attribute it to its speaker in the same sentence
        ("Zhao Lijian says ...", "according to the foreign ministry spokesman Zhao Lijian, ...").
        Answer with one JSON object and nothing else, in this shape:
        {"summary": {"text": "...", "citations": [1]},
         "sections": [
          {"title": "Executive Summary", "sentences": [{"text": "...", "citations": [1, 2]}]},
          {"title": "The Story So Far", "sentences": [...]},
          {"title": "Why This Matters", "sentences": [...]},
          {"title": "Who Thinks What?", "sentences": [...]}]}
        Executive Summary: three sentences on the latest development (evidence marked LATEST). The Story So Far: earlier events, oldest first.
        Why This Matters: stakes and consequences. Who Thinks What?: one sentence per side, each attributed to a named speaker.
        """;

    private static string Prompt(IReadOnlyList<EvidenceItem> evidence)
    {
        var sb = new StringBuilder("Evidence:\n");
        foreach (var e in evidence)
        {
            sb.Append(CultureInfo.InvariantCulture, $"[{e.Id}] ({e.Label}{(e.Latest ? ", LATEST" : "")}) ");
            if (e.Statement is { } s)
            {
                var role = s.Role is null ? "" : $", {s.Role}";
                sb.Append(CultureInfo.InvariantCulture, $"STATEMENT by {s.Speaker}{role} ({s.Camp}), {(s.Verbatim ? "quoted" : "reported")}: ");
            }
            else sb.Append("SOURCE: ");
            sb.Append(e.Text.ReplaceLineEndings(" ")).Append('\n');
        }
        return sb.ToString();
    }

    private sealed record AnswerSentence(string Text, IReadOnlyList<int> Citations);

    private sealed record AnswerSection(string Title, IReadOnlyList<AnswerSentence> Sentences);

    private sealed record Answer(AnswerSentence? Summary, IReadOnlyList<AnswerSection> Sections);

    /// <summary>The answer's JSON object (tolerating a code fence or words around it), or null when it lacks the sections.</summary>
    private static Answer? Parse(string answer)
    {
        var start = answer.IndexOf('{', StringComparison.Ordinal);
        var end = answer.LastIndexOf('}');
        if (start < 0 || end <= start) return null;
        using var json = JsonDocument.Parse(answer.AsMemory(start, end - start + 1));
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("sections", out var sections) || sections.ValueKind != JsonValueKind.Array) return null;
        var parsedSections = new List<AnswerSection>();
        foreach (var section in sections.EnumerateArray())
        {
            if (section.ValueKind != JsonValueKind.Object || !section.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String) continue;
            var sentences = new List<AnswerSentence>();
            if (section.TryGetProperty("sentences", out var list) && list.ValueKind == JsonValueKind.Array)
                foreach (var s in list.EnumerateArray()) if (Sentence(s) is { } parsed) sentences.Add(parsed);
            parsedSections.Add(new AnswerSection(title.GetString()!, sentences));
        }
        if (parsedSections.Count == 0) return null;
        return new Answer(root.TryGetProperty("summary", out var summary) ? Sentence(summary) : null, parsedSections);
    }

    private static AnswerSentence? Sentence(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String) return null;
        var ids = new List<int>();
        if (e.TryGetProperty("citations", out var citations) && citations.ValueKind == JsonValueKind.Array)
            foreach (var c in citations.EnumerateArray())
            {
                if (c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var id)) ids.Add(id);
                else if (c.ValueKind == JsonValueKind.String && int.TryParse(c.GetString()!.Trim('[', ']', ' '), NumberStyles.Integer, CultureInfo.InvariantCulture, out id)) ids.Add(id);
            }
        return new AnswerSentence(text.GetString()!, ids);
    }
}

/// <summary>Checks a generated sentence against the evidence it cites.</summary>
internal static partial class BriefingSentenceChecker
{
    private static readonly HashSet<string> OpeningWords = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "In", "On", "At", "But", "And", "However", "Meanwhile", "It", "Its", "This", "That", "These", "Those", "According", "While",
        "After", "Before", "As", "For", "With", "Since", "Both", "Some", "Many", "Such", "If", "When", "Although", "Despite", "Amid", "Earlier", "Later",
        "Critics", "Officials", "Analysts", "Observers", "He", "She", "They", "We", "There", "Then", "Also", "Still", "Yet", "Now", "Today", "Here",
    };

    private static readonly string[] Cues =
    [
        " say", " says", " said", " told", " tells", " added", " adds", "according to", " stated", " states", " announced", " announces", " denied", " denies",
        " claimed", " claims", " insisted", " insists", " warned", " warns", " urged", " urges", " argued", " argues", " asserted", " asserts",
        " acknowledged", " acknowledges", " noted", " notes", " wrote", " writes", " accused", " accuses", " rejected", " rejects", " condemned",
        " condemns", " vowed", " vows", " described", " describes", " called", " calls", " maintains", " maintained", " contends", " alleges", " alleged",
    ];

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}'’\-]+")]
    private static partial Regex NamePattern();

    /// <summary>Why the sentence is not supported by the evidence it cites, or null when it is: every number and capitalised name in it must
    /// appear in the cited text (or a cited statement's speaker, role and camp), and a cited statement must be attributed to its speaker
    /// with a reporting verb.</summary>
    public static string? Problem(string sentence, IReadOnlyList<LlmBriefingWriter.EvidenceItem> cited)
    {
        var haystack = new StringBuilder();
        foreach (var c in cited)
        {
            haystack.Append(c.Text).Append(" \n ");
            if (c.Statement is { } s) haystack.Append(s.Speaker).Append(" \n ").Append(s.Role).Append(" \n ").Append(s.Camp).Append(" \n ");
        }
        var source = haystack.ToString();
        var digits = NumberPattern().Replace(source, m => m.Value.Replace(",", "", StringComparison.Ordinal));
        foreach (Match m in NumberPattern().Matches(sentence))
        {
            var number = m.Value.Replace(",", "", StringComparison.Ordinal).TrimEnd('.');
            if (!ContainsNumber(digits, number)) return $"number {m.Value} is not in the cited text";
        }
        foreach (Match m in NamePattern().Matches(sentence))
        {
            var name = m.Value.TrimEnd('\'', '’', '-');
            if (name.EndsWith("’s", StringComparison.Ordinal) || name.EndsWith("'s", StringComparison.Ordinal)) name = name[..^2];
            if (name.Length < 2 || source.Contains(name, StringComparison.Ordinal)) continue;
            if (AtClauseStart(sentence, m.Index) && (OpeningWords.Contains(name) || source.Contains(name.ToLowerInvariant(), StringComparison.Ordinal))) continue;
            return $"name {name} is not in the cited text";
        }
        foreach (var s in cited.Select(c => c.Statement).OfType<Statement>())
        {
            var nameParts = s.Speaker.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length >= 3);
            var named = nameParts.Any(p => sentence.Contains(p, StringComparison.Ordinal));
            var reported = Cues.Any(c => sentence.Contains(c, StringComparison.OrdinalIgnoreCase));
            if (!named || !reported) return $"the claim of {s.Speaker} is not attributed to them";
        }
        return null;
    }

    private static bool ContainsNumber(string text, string number)
    {
        for (int i = text.IndexOf(number, StringComparison.Ordinal); i >= 0; i = text.IndexOf(number, i + 1, StringComparison.Ordinal))
        {
            var before = i == 0 || !char.IsDigit(text[i - 1]);
            var after = i + number.Length >= text.Length || !char.IsDigit(text[i + number.Length]);
            if (before && after) return true;
        }
        return false;
    }

    private static bool AtClauseStart(string sentence, int index)
    {
        int i = index - 1;
        while (i >= 0 && (char.IsWhiteSpace(sentence[i]) || sentence[i] is '“' or '"' or '‘' or '(' or '-' or '–')) i--;
        return i < 0 || sentence[i] is ':' or '.' or ';' or '!' or '?';
    }
}
