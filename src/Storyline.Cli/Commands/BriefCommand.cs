using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.AI;
using Spectre.Console;
using Storyline.Attribution;
using Storyline.Briefing;
using Storyline.Contracts;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline brief [INPUT...]</c>: ingests what it is given, then writes the briefing of the story they form (or of the most recent story).</summary>
internal static class BriefCommand
{
    /// <summary>The typed values of one <c>brief</c> run, checked as they were parsed.</summary>
    private sealed record Settings(string[] Inputs, long? Story, string Format, string Writer, string LlmProvider, Uri? LlmEndpoint, string? LlmModel,
        TimeSpan LlmTimeout, string? Camps, IngestSettings Ingest);

    public static Command Create(CliContext context)
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Articles to ingest first (files, folders, URLs, feeds, .jsonl)", Arity = ArgumentArity.ZeroOrMore };
        var story = new Option<long?>("--story") { Description = "Story id (see storyline stories); default: the story the inputs form, or the most recent" };
        var format = new Option<string>("--format") { Description = "markdown | html | json", DefaultValueFactory = _ => "markdown" }.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "markdown", "md", "html", "json");
        var writer = new Option<string>("--writer") { Description = "extractive | llm (a language model rewrites the evidence; checked, falls back to extractive)", DefaultValueFactory = _ => "extractive" }.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "extractive", "llm");
        var llmProvider = new Option<string>("--llm-provider") { Description = "openai (any OpenAI-compatible endpoint) | ollama", DefaultValueFactory = _ => "openai" }.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "openai", "ollama");
        var llmEndpoint = new Option<string?>("--llm-endpoint") { Description = "Model endpoint URL (default: https://api.openai.com/v1, or http://localhost:11434 for ollama); API key from STORYLINE_LLM_API_KEY" };
        var llmModel = new Option<string?>("--llm-model") { Description = "Model name (required with --writer llm)" };
        var llmTimeout = new Option<double>("--llm-timeout") { Description = "Seconds to wait for the model before writing the extractive briefing", DefaultValueFactory = _ => 60 };
        var camps = CampsOption.Create();
        var ingest = new IngestOptionGroup();
        llmEndpoint.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } e && !(Uri.TryCreate(e, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
                r.AddError($"--llm-endpoint: not an http(s) URL: '{e}'");
        });
        llmTimeout.Validators.Add(r => Validate.Seconds(r, "--llm-timeout", 86_400));
        var command = new Command("brief", "Write a briefing of a story, every sentence cited") { inputs, story, format, writer, llmProvider, llmEndpoint, llmModel, llmTimeout, camps };
        ingest.AddTo(command);
        command.Validators.Add(r =>
        {
            if (string.Equals(r.GetValue(writer), "llm", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(r.GetValue(llmModel)))
                r.AddError("--llm-model: a model name is required with --writer llm");
        });
        command.SetAction((parse, ct) =>
        {
            var provider = parse.GetValue(llmProvider)!.ToLowerInvariant();
            var endpoint = parse.GetValue(llmEndpoint) ?? (provider == "ollama" ? "http://localhost:11434" : "https://api.openai.com/v1");
            var settings = new Settings(parse.GetValue(inputs) ?? [], parse.GetValue(story), context.Json ? "json" : parse.GetValue(format)!.ToLowerInvariant(),
                parse.GetValue(writer)!.ToLowerInvariant(), provider, new Uri(endpoint), parse.GetValue(llmModel),
                TimeSpan.FromSeconds(parse.GetValue(llmTimeout)), parse.GetValue(camps), ingest.Bind(parse));
            return RunAsync(context, parse, settings, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, Settings settings, CancellationToken ct)
    {
        using var chatClient = settings.Writer == "llm"
            ? LlmClients.Create(settings.LlmProvider, settings.LlmEndpoint!, settings.LlmModel!, Environment.GetEnvironmentVariable("STORYLINE_LLM_API_KEY"))
            : null;
        var specs = settings.Inputs;
        await using var store = await context.OpenStoreAsync(parse, ct, create: specs.Length > 0).ConfigureAwait(false);
        var storyId = settings.Story;
        var failed = 0;
        if (specs.Length > 0)
        {
            (var ids, failed) = await QuotesCommand.IngestOrAllAsync(context, settings.Ingest, store, specs, ct).ConfigureAwait(false);
            if (storyId is null && ids.Count > 0)
            {
                // The story most of the given inputs belong to.
                var index = await store.ReadStoryIndexAsync(ct).ConfigureAwait(false);
                storyId = index.Where(e => ids.Contains(e.DocumentId) && e.StoryId is not null).GroupBy(e => e.StoryId!.Value)
                    .OrderByDescending(g => g.Count()).Select(g => (long?)g.Key).FirstOrDefault();
            }
        }

        var loader = StoryEvidenceLoader.For(store, settings.Camps is null ? null : CampClassifier.Load(settings.Camps));
        var resolved = await loader.ResolveStoryAsync(storyId, ct).ConfigureAwait(false);
        // The analysis stored the default briefing when it last analysed the story: shown as stored while the story is unchanged since.
        var stored = resolved is null || chatClient is not null || settings.Camps is not null ? null
            : await StoredBriefingReader.For(store).ReadAsync(resolved.Value, ct).ConfigureAwait(false);
        StoryEvidence? evidence = null;
        if (stored is null)
        {
            evidence = resolved is null ? null : await loader.LoadAsync(resolved.Value, ct).ConfigureAwait(false);
            if (evidence is null)
            {
                if (storyId is { } missing) return context.NotFound("story", missing);
                context.WriteError("store", "no stories yet: give articles to ingest");
                return ExitCodes.Failed;
            }
        }
        var documents = stored?.Documents ?? [.. evidence!.Documents.Select(d => d.Document)];
        context.Info(FormattableString.Invariant($"story {resolved}: {documents.Count} document(s)"));
        QuotesCommand.WarnPending(context, stored?.Stored.Pending ?? evidence!.Pending);
        WarnUndated(context, documents);
        // Who said what feeds the "Who Thinks What?" section and tells the writer which claims must not be stated as fact.
        StoryBriefing briefing;
        if (stored is not null) briefing = stored.Briefing;
        else if (chatClient is null) briefing = new ExtractiveBriefingWriter().Write(evidence!, cancellationToken: ct);
        else
        {
            var llm = new LlmBriefingWriter(chatClient, new LlmBriefingOptions(settings.LlmTimeout, settings.LlmModel), time: context.Time);
            var report = await llm.WriteWithReportAsync(evidence!.StoryId, evidence.Documents, evidence.BriefingStatements(), ct).ConfigureAwait(false);
            if (report.FellBack) context.Warn($"llm writer: {report.FallbackReason}; the briefing is extractive");
            else if (report.Dropped.Count > 0) context.Warn($"llm writer: {report.Dropped.Count} generated sentence(s) not supported by their citations were left out");
            briefing = report.Briefing;
        }
        if (settings.Format == "json") context.WriteJson(BriefingItem.Of(briefing));
        else if (settings.Format == "html") context.Out.Write(HtmlBriefingRenderer.Render(briefing));
        else context.Out.Write(MarkdownBriefingRenderer.Render(briefing));
        return failed > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }

    /// <summary>One warning line when articles of the story have no stated publication date: the briefing's order and "latest" then rest on
    /// lower bounds estimated from the dates the text mentions, and the reader is told which inputs and how to date them.</summary>
    internal static void WarnUndated(CliContext context, IEnumerable<Storyline.Documents.StoredDocument> documents)
    {
        var undated = documents.Where(d => d.DuplicateOf is null && d.Content.Metadata.Published is null or { IsEstimate: true })
            .Select(d => Path.GetFileName(d.InputName)).ToList();
        if (undated.Count == 0) return;
        var names = string.Join(", ", undated.Take(5)) + (undated.Count > 5 ? $" and {undated.Count - 5} more" : "");
        context.Warn($"{undated.Count} input(s) state no publication date, so the briefing's order rests on estimates from the dates they mention: {names}; " +
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

/// <summary><c>storyline timeline</c>: a story's dated events with their sources.</summary>
internal static class TimelineCommand
{
    public static Command Create(CliContext context)
    {
        var story = StoryOption.Create();
        var command = new Command("timeline", "Dated events of a story, merged across sources") { story };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct).ConfigureAwait(false);
            var reader = new StoryReader(store, store, store);
            var requested = parse.GetValue(story);
            var storyId = await reader.ResolveStoryAsync(requested, ct).ConfigureAwait(false);
            if (storyId is null) return StoryOption.Missing(context, requested);
            IReadOnlyList<TimelineEvent> events;
            // The timeline the analysis stored with the story's briefing, while the story is unchanged since; else built from the evidence.
            if (await StoredBriefingReader.For(store).ReadAsync(storyId.Value, ct).ConfigureAwait(false) is { } stored)
            {
                var read = stored.Stored.Documents.ToHashSet();
                QuotesCommand.WarnPending(context, [.. (await store.GetStoryDocumentIdsAsync(storyId.Value, ct).ConfigureAwait(false)).Where(id => !read.Contains(id))]);
                events = stored.Stored.Timeline;
            }
            else
            {
                var read = await reader.ReadStoryAsync(storyId.Value, ct).ConfigureAwait(false);
                QuotesCommand.WarnPending(context, read.Pending);
                events = new TimelineBuilder().Build(read.Documents, ct);
            }
            if (context.Json)
            {
                context.WriteJson(events.Select(TimelineEventItem.Of).ToList());
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("Date", "Event", "Sources");
            foreach (var e in events)
                table.AddRow(Markup.Escape(e.DateValue), Markup.Escape(e.Text), string.Join(", ", e.Sources.Select(s => s.DocumentId.ToString(CultureInfo.InvariantCulture))));
            context.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
