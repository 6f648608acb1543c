using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.AI;
using Spectre.Console;
using Storyline.Attribution;
using Storyline.Briefing;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline brief [INPUT...]</c>: ingests what it is given, then writes the briefing of the story they form (or of the most recent story).</summary>
internal static class BriefCommand
{
    public static readonly Option<long?> Story = new("--story") { Description = "Story id (see storyline stories); default: the story the inputs form, or the most recent" };

    public static Command Create(CliContext context)
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Articles to ingest first (files, folders, URLs, feeds, .jsonl)", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string>("--format") { Description = "markdown | html | json", DefaultValueFactory = _ => "markdown" };
        var writer = new Option<string>("--writer") { Description = "extractive | llm (a language model rewrites the evidence; checked, falls back to extractive)", DefaultValueFactory = _ => "extractive" };
        var llmProvider = new Option<string>("--llm-provider") { Description = "openai (any OpenAI-compatible endpoint) | ollama", DefaultValueFactory = _ => "openai" };
        var llmEndpoint = new Option<string?>("--llm-endpoint") { Description = "Model endpoint URL (default: https://api.openai.com/v1, or http://localhost:11434 for ollama); API key from STORYLINE_LLM_API_KEY" };
        var llmModel = new Option<string?>("--llm-model") { Description = "Model name (required with --writer llm)" };
        var llmTimeout = new Option<double>("--llm-timeout") { Description = "Seconds to wait for the model before writing the extractive briefing", DefaultValueFactory = _ => 60 };
        var command = new Command("brief", "Write a briefing of a story, every sentence cited") { inputs, Story, format, writer, llmProvider, llmEndpoint, llmModel, llmTimeout, QuotesCommand.Camps };
        foreach (var option in IngestCommand.IngestOptions) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var fmt = parse.GetValue(CommonOptions.Json) ? "json" : parse.GetValue(format)!.ToLowerInvariant();
            if (fmt is not ("markdown" or "md" or "html" or "json"))
            {
                context.WriteError("--format", $"unknown format '{fmt}' (markdown, html or json)");
                return 2;
            }
            var writerName = parse.GetValue(writer)!.ToLowerInvariant();
            IChatClient? chat = null;
            if (writerName == "llm")
            {
                var provider = parse.GetValue(llmProvider)!.ToLowerInvariant();
                var model = parse.GetValue(llmModel);
                var endpoint = parse.GetValue(llmEndpoint);
                if (string.IsNullOrWhiteSpace(model)) { context.WriteError("--llm-model", "a model name is required with --writer llm"); return 2; }
                if (provider is not ("openai" or "ollama")) { context.WriteError("--llm-provider", $"unknown provider '{provider}' (openai or ollama)"); return 2; }
                if (parse.GetValue(llmTimeout) is var seconds && (seconds <= 0 || double.IsNaN(seconds))) { context.WriteError("--llm-timeout", "seconds must be positive"); return 2; }
                endpoint ??= provider == "ollama" ? "http://localhost:11434" : "https://api.openai.com/v1";
                if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) { context.WriteError("--llm-endpoint", $"not an http(s) URL: '{endpoint}'"); return 2; }
                chat = LlmClients.Create(provider, uri, model, Environment.GetEnvironmentVariable("STORYLINE_LLM_API_KEY"));
            }
            else if (writerName != "extractive")
            {
                context.WriteError("--writer", $"unknown writer '{writerName}' (extractive or llm)");
                return 2;
            }
            using var chatClient = chat;
            var specs = parse.GetValue(inputs) ?? [];
            await using var store = await context.OpenStoreAsync(parse.GetValue(CommonOptions.Store)!, ct, create: specs.Length > 0).ConfigureAwait(false);
            var storyId = parse.GetValue(Story);
            var failed = 0;
            if (specs.Length > 0)
            {
                if (await QuotesCommand.IngestOrAllAsync(context, parse, store, specs, ct).ConfigureAwait(false) is not var (ids, batchFailed)) return 2;
                failed = batchFailed;
                if (storyId is null && ids.Count > 0)
                {
                    // The story most of the given inputs belong to.
                    var index = await store.ReadStoryIndexAsync(ct).ConfigureAwait(false);
                    storyId = index.Where(e => ids.Contains(e.DocumentId) && e.StoryId is not null).GroupBy(e => e.StoryId!.Value)
                        .OrderByDescending(g => g.Count()).Select(g => (long?)g.Key).FirstOrDefault();
                }
            }

            var campsFile = parse.GetValue(QuotesCommand.Camps);
            var loader = StoryEvidenceLoader.For(store, campsFile is null ? null : CampClassifier.Load(campsFile));
            var resolved = await loader.ResolveStoryAsync(storyId, ct).ConfigureAwait(false);
            var evidence = resolved is null ? null : await loader.LoadAsync(resolved.Value, ct).ConfigureAwait(false);
            if (evidence is null)
            {
                context.WriteError(storyId is null ? "store" : $"story {storyId}", storyId is null ? "no stories yet: give articles to ingest" : "not in the store");
                return 1;
            }
            QuotesCommand.WarnPending(context, evidence.Pending);
            WarnUndated(context, evidence);
            // Who said what feeds the "Who Thinks What?" section and tells the writer which claims must not be stated as fact.
            StoryBriefing briefing;
            if (chatClient is null) briefing = new ExtractiveBriefingWriter().Write(evidence, cancellationToken: ct);
            else
            {
                var llm = new LlmBriefingWriter(chatClient, new LlmBriefingOptions(TimeSpan.FromSeconds(parse.GetValue(llmTimeout)), parse.GetValue(llmModel)), time: context.Time);
                var report = await llm.WriteWithReportAsync(evidence.StoryId, evidence.Documents, evidence.BriefingStatements(), ct).ConfigureAwait(false);
                if (report.FellBack) context.Error.WriteLine($"warning: llm writer: {report.FallbackReason}; the briefing is extractive");
                else if (report.Dropped.Count > 0) context.Error.WriteLine($"warning: llm writer: {report.Dropped.Count} generated sentence(s) not supported by their citations were left out");
                briefing = report.Briefing;
            }
            if (fmt == "json") context.WriteJson(BriefingJson.From(briefing));
            else if (fmt == "html") context.Out.Write(HtmlBriefingRenderer.Render(briefing));
            else context.Out.Write(MarkdownBriefingRenderer.Render(briefing));
            return failed > 0 ? 1 : 0;
        });
        return command;
    }

    /// <summary>One warning line when articles of the story have no stated publication date: the briefing's order and "latest" then rest on
    /// lower bounds estimated from the dates the text mentions, and the reader is told which inputs and how to date them.</summary>
    internal static void WarnUndated(CliContext context, StoryEvidence evidence)
    {
        var undated = evidence.Documents.Where(d => d.Document.DuplicateOf is null && d.Document.Content.Metadata.Published is null or { IsEstimate: true })
            .Select(d => Path.GetFileName(d.Document.InputName)).ToList();
        if (undated.Count == 0) return;
        var names = string.Join(", ", undated.Take(5)) + (undated.Count > 5 ? $" and {undated.Count - 5} more" : "");
        context.Error.WriteLine($"warning: {undated.Count} input(s) state no publication date, so the briefing's order rests on estimates from the dates they mention: {names}; " +
            "give dates with `storyline ingest --published YYYY-MM-DD FILE` or a `published` field in JSON Lines records");
    }
}

/// <summary>The chat clients behind <c>brief --writer llm</c>.</summary>
internal static class LlmClients
{
    public static IChatClient Create(string provider, Uri endpoint, string model, string? apiKey) => provider switch
    {
        "ollama" => new OllamaSharp.OllamaApiClient(endpoint, model),
        _ => new OpenAI.Chat.ChatClient(model, new System.ClientModel.ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "unused" : apiKey),
            new OpenAI.OpenAIClientOptions { Endpoint = endpoint }).AsIChatClient(),
    };
}

/// <summary>The JSON form of a briefing: sections of sentences, each with citations as document ids and character spans.</summary>
internal static class BriefingJson
{
    public static object From(StoryBriefing b) => new
    {
        story = b.StoryId,
        headline = b.Headline,
        summary = Sentence(b.Summary),
        sections = b.Sections.Select(s => new { title = s.Title, bulleted = s.Bulleted, sentences = s.Sentences.Select(Sentence) }),
        sources = b.Sources.Values.Select(s => new { document = s.DocumentId, title = s.Title, publisher = s.Publisher, published = s.Published, published_is_estimate = s.PublishedIsEstimate, published_label = s.PublishedLabel, url = s.Url }),
    };

    private static object Sentence(BriefingSentence s) => new
    {
        text = s.Text,
        citations = s.Citations.Select(c => new { document = c.DocumentId, start = c.Span.Start, end = c.Span.End }),
    };
}

/// <summary><c>storyline timeline</c>: a story's dated events with their sources.</summary>
internal static class TimelineCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("timeline", "Dated events of a story, merged across sources") { BriefCommand.Story };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse.GetValue(CommonOptions.Store)!, ct).ConfigureAwait(false);
            var reader = new StoryReader(store, store, store);
            var storyId = await reader.ResolveStoryAsync(parse.GetValue(BriefCommand.Story), ct).ConfigureAwait(false);
            if (storyId is null)
            {
                context.WriteError(parse.GetValue(BriefCommand.Story) is { } s ? $"story {s}" : "store", "no such story");
                return 1;
            }
            var read = await reader.ReadStoryAsync(storyId.Value, ct).ConfigureAwait(false);
            QuotesCommand.WarnPending(context, read.Pending);
            var events = new TimelineBuilder().Build(read.Documents, ct);
            if (parse.GetValue(CommonOptions.Json))
            {
                context.WriteJson(events.Select(e => new
                {
                    date = e.DateValue,
                    granularity = e.Granularity.ToString().ToLowerInvariant(),
                    text = e.Text,
                    sources = e.Sources.Select(c => new { document = c.DocumentId, start = c.Span.Start, end = c.Span.End }),
                }));
                return 0;
            }
            var table = new Table().AddColumns("Date", "Event", "Sources");
            foreach (var e in events)
                table.AddRow(Markup.Escape(e.DateValue), Markup.Escape(e.Text), string.Join(", ", e.Sources.Select(s => s.DocumentId.ToString(CultureInfo.InvariantCulture))));
            context.Console.Write(table);
            return 0;
        });
        return command;
    }
}
