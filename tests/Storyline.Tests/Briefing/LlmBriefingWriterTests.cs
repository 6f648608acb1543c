using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Storyline.Briefing;
using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Tests.Briefing;

public class LlmBriefingWriterTests
{
    private static readonly DocumentPipeline Pipeline = DocumentPipeline.CreateDefault();

    private static AnalysedDocument Doc(long id, long development, string published, string text)
    {
        var input = new RawInput($"doc{id}.txt", null, "text/plain", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch,
            new InputHints(Published: DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture)));
        return AnalysedDocument.Analyse(new StoredDocument(id, input.Name, null, Pipeline.Process(input), null, DateTimeOffset.UnixEpoch), development);
    }

    private static (List<AnalysedDocument> Docs, List<Statement> Statements) Story()
    {
        var docs = new List<AnalysedDocument>
        {
            Doc(1, 1, "2020-07-10", "Washington sanctions Xinjiang officials\n\nThe United States on Thursday imposed sanctions on four officials in Xinjiang over the detention of Uygurs, the Treasury Department said.\n\nAnalysts said the move was likely to strain relations between Washington and Beijing further."),
            Doc(2, 1, "2020-07-11", "China vows reciprocal action\n\nForeign ministry spokesman Zhao Lijian said China would take reciprocal action against American institutions.\n\nThe foreign ministry did not give details of the measures Beijing was planning after the sanctions on Xinjiang officials."),
            Doc(3, 3, "2022-09-01", "UN report on Xinjiang\n\nThe United Nations human rights office released a report on Wednesday that found serious human rights violations in Xinjiang, according to the report's summary.\n\nThe findings could have a significant impact on how governments deal with companies that source cotton from Xinjiang."),
        };
        var text = docs[1].Text;
        const string content = "China would take reciprocal action against American institutions";
        var statement = new Statement("Zhao Lijian", "foreign ministry spokesman", "Chinese government", content,
            new Citation(2, new TextSpan(text.IndexOf(content, StringComparison.Ordinal), content.Length)),
            new Citation(2, new TextSpan(text.IndexOf("Zhao Lijian", StringComparison.Ordinal), "Zhao Lijian".Length)));
        return (docs, [statement]);
    }

    /// <summary>A chat client that answers from a function of the prompt, or fails, or never answers.</summary>
    private sealed class FakeChatClient(Func<string, CancellationToken, Task<string>> answer) : IChatClient
    {
        public string? LastPrompt { get; private set; }

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            LastPrompt = messages.Last().Text;
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, await answer(LastPrompt, cancellationToken)));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>The evidence id of the item whose text contains <paramref name="phrase"/>.</summary>
    private static int Id(string prompt, string phrase)
    {
        foreach (var line in prompt.Split('\n'))
            if (line.Contains(phrase, StringComparison.Ordinal)) return int.Parse(Regex.Match(line, @"^\[(\d+)\]").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        throw new InvalidOperationException($"no evidence with '{phrase}' in:\n{prompt}");
    }

    private static string Answer(string prompt, string storySoFar = "On Thursday the United States imposed sanctions on four officials in Xinjiang, the Treasury Department said.", string who = "Zhao Lijian says China would take reciprocal action against American institutions.")
    {
        var un = Id(prompt, "United Nations human rights office");
        var treasury = Id(prompt, "Treasury Department said");
        var zhao = Id(prompt, "STATEMENT by Zhao Lijian");
        return $$"""
            ```json
            {"summary": {"text": "On Wednesday the United Nations human rights office released a report that found serious human rights violations in Xinjiang.", "citations": [{{un}}]},
             "sections": [
              {"title": "Executive Summary", "sentences": [{"text": "The United Nations human rights office found serious human rights violations in Xinjiang.", "citations": [{{un}}]}]},
              {"title": "The Story So Far", "sentences": [{"text": "{{storySoFar}}", "citations": [{{treasury}}]}]},
              {"title": "Why This Matters", "sentences": []},
              {"title": "Who Thinks What?", "sentences": [{"text": "{{who}}", "citations": [{{zhao}}]}]}]}
            ```
            """;
    }

    private static LlmBriefingWriter Writer(FakeChatClient client, double timeoutSeconds = 10) => new(client, new LlmBriefingOptions(TimeSpan.FromSeconds(timeoutSeconds)));

    private static List<string> Flatten(StoryBriefing b) =>
    [
        .. b.Sections.SelectMany(s => s.Sentences.Select(x => (s.Title, x))).Prepend(("summary", b.Summary))
            .Select(p => $"{p.Item1}|{p.Item2.Text}|{string.Join(",", p.Item2.Citations.Select(c => $"{c.DocumentId}:{c.Span.Start}-{c.Span.End}"))}"),
    ];

    private static void ShouldCiteRealText(StoryBriefing briefing, IReadOnlyList<AnalysedDocument> docs)
    {
        foreach (var sentence in briefing.Sections.SelectMany(s => s.Sentences).Append(briefing.Summary))
        {
            sentence.Citations.ShouldNotBeEmpty();
            foreach (var c in sentence.Citations)
                (c.Span.Start >= 0 && c.Span.End <= docs.Single(d => d.Document.Id == c.DocumentId).Text.Length).ShouldBeTrue();
        }
        briefing.Sections.Select(s => s.Title).Take(4).ShouldBe([SectionTitles.ExecutiveSummary, SectionTitles.StorySoFar, SectionTitles.WhyThisMatters, SectionTitles.WhoThinksWhat]);
    }

    [Fact]
    public async Task WriteWithReportAsync_GoodAnswer_UsesCheckedModelSentences()
    {
        var (docs, statements) = Story();
        var client = new FakeChatClient((prompt, _) => Task.FromResult(Answer(prompt)));
        var report = await Writer(client).WriteWithReportAsync(7, docs, statements);
        report.FellBack.ShouldBeFalse();
        report.Dropped.ShouldBeEmpty();
        report.Briefing.Summary.Text.ShouldBe("On Wednesday the United Nations human rights office released a report that found serious human rights violations in Xinjiang.");
        report.Briefing.Sections[1].Sentences.Single().Text.ShouldStartWith("On Thursday the United States");
        report.Briefing.Sections[1].Sentences.Single().Citations.Single().DocumentId.ShouldBe(1);
        report.Briefing.Sections[3].Sentences.Single().Text.ShouldStartWith("Zhao Lijian says");
        // An empty section in the answer keeps the extractive one.
        var extractive = new ExtractiveBriefingWriter().Write(7, docs, statements);
        Flatten(report.Briefing).Where(l => l.StartsWith(SectionTitles.WhyThisMatters, StringComparison.Ordinal))
            .ShouldBe(Flatten(extractive).Where(l => l.StartsWith(SectionTitles.WhyThisMatters, StringComparison.Ordinal)));
        ShouldCiteRealText(report.Briefing, docs);
        // The model saw evidence only: numbered, with statements marked as such.
        client.LastPrompt!.ShouldContain("STATEMENT by Zhao Lijian, foreign ministry spokesman (Chinese government)");
    }

    [Fact]
    public async Task WriteWithReportAsync_HallucinatedNumber_SentenceDropped()
    {
        var (docs, statements) = Story();
        var client = new FakeChatClient((prompt, _) => Task.FromResult(Answer(prompt, storySoFar: "On Thursday the United States imposed sanctions on 14 officials in Xinjiang, the Treasury Department said.")));
        var report = await Writer(client).WriteWithReportAsync(7, docs, statements);
        report.FellBack.ShouldBeFalse();
        report.Dropped.ShouldHaveSingleItem().ShouldContain("number 14");
        report.Briefing.Sections.SelectMany(s => s.Sentences).ShouldNotContain(s => s.Text.Contains("14 officials", StringComparison.Ordinal));
        report.Briefing.Sections[3].Sentences.Single().Text.ShouldStartWith("Zhao Lijian says");
        ShouldCiteRealText(report.Briefing, docs);
    }

    [Fact]
    public async Task WriteWithReportAsync_ClaimWithoutAttribution_SentenceDropped()
    {
        var (docs, statements) = Story();
        var client = new FakeChatClient((prompt, _) => Task.FromResult(Answer(prompt, who: "China would take reciprocal action against American institutions.")));
        var report = await Writer(client).WriteWithReportAsync(7, docs, statements);
        report.Dropped.ShouldHaveSingleItem().ShouldContain("not attributed");
        report.Briefing.Sections.SelectMany(s => s.Sentences).ShouldNotContain(s => s.Text == "China would take reciprocal action against American institutions.");
        ShouldCiteRealText(report.Briefing, docs);
    }

    [Fact]
    public async Task WriteWithReportAsync_InventedName_SentenceDropped()
    {
        var (docs, statements) = Story();
        var client = new FakeChatClient((prompt, _) => Task.FromResult(Answer(prompt, storySoFar: "On Thursday the United States imposed sanctions on four officials in Xinjiang, Janet Yellen said.")));
        var report = await Writer(client).WriteWithReportAsync(7, docs, statements);
        report.Dropped.ShouldHaveSingleItem().ShouldContain("Janet");
    }

    [Theory]
    [InlineData("I cannot help with that.")]
    [InlineData("{\"summary\": {\"text\": \"x\", \"citations\": [1]}, \"sections\": [")]
    [InlineData("{\"sections\": 3}")]
    public async Task WriteWithReportAsync_GarbageAnswer_FallsBackToExtractive(string answer)
    {
        var (docs, statements) = Story();
        var report = await Writer(new FakeChatClient((_, _) => Task.FromResult(answer))).WriteWithReportAsync(7, docs, statements);
        report.FellBack.ShouldBeTrue();
        var extractive = new ExtractiveBriefingWriter().Write(7, docs, statements);
        Flatten(report.Briefing).ShouldBe(Flatten(extractive));
    }

    [Fact]
    public async Task WriteWithReportAsync_Timeout_FallsBackToExtractive()
    {
        var (docs, statements) = Story();
        var client = new FakeChatClient(async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return ""; });
        var report = await Writer(client, timeoutSeconds: 0.2).WriteWithReportAsync(7, docs, statements);
        report.FellBack.ShouldBeTrue();
        report.FallbackReason!.ShouldContain("within 0.2 s");
        Flatten(report.Briefing).ShouldBe(Flatten(new ExtractiveBriefingWriter().Write(7, docs, statements)));
    }

    [Fact]
    public async Task WriteWithReportAsync_ClientIgnoringCancellation_StillFallsBackAtTimeout()
    {
        var (docs, statements) = Story();
        var client = new FakeChatClient(async (_, _) => { await Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None); return ""; });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var report = await Writer(client, timeoutSeconds: 0.2).WriteWithReportAsync(7, docs, statements);
        report.FellBack.ShouldBeTrue();
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WriteWithReportAsync_ClientThrows_FallsBackToExtractive()
    {
        var (docs, statements) = Story();
        var report = await Writer(new FakeChatClient((_, _) => throw new HttpRequestException("connection refused"))).WriteWithReportAsync(7, docs, statements);
        report.FellBack.ShouldBeTrue();
        report.FallbackReason!.ShouldContain("connection refused");
    }

    [Fact]
    public async Task WriteAsync_CallerCancels_Throws()
    {
        var (docs, statements) = Story();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var client = new FakeChatClient(async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return ""; });
        await Should.ThrowAsync<OperationCanceledException>(() => Writer(client).WriteAsync(7, docs, statements, cts.Token));
    }
}

public class BriefingSentenceCheckerTests
{
    private static LlmBriefingWriter.EvidenceItem Source(string text) => new(1, new Citation(1, new TextSpan(0, text.Length)), text, null, "doc 1", false);

    [Theory]
    [InlineData("The tariffs cost 1,200 jobs in 2019.", "Officials said the tariffs cost 1200 jobs in 2019 across the region.", true)]
    [InlineData("The tariffs cost 12 jobs.", "Officials said the tariffs cost 1200 jobs.", false)]
    [InlineData("In July, Beijing responded.", "Beijing responded in July.", true)]
    [InlineData("In June, Beijing responded.", "Beijing responded in July.", false)]
    [InlineData("China’s response came quickly.", "China responded quickly; the response came quickly.", true)]
    public void Problem_Sentence_NumbersAndNamesMustBeInCitedText(string sentence, string cited, bool supported) =>
        (BriefingSentenceChecker.Problem(sentence, [Source(cited)]) is null).ShouldBe(supported);
}
