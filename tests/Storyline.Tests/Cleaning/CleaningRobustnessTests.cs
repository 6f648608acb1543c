using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Storyline.Decoding;
using Storyline.Documents;
using Storyline.Pipeline;
using Storyline.Tests.TestSupport;

namespace Storyline.Tests.Cleaning;

/// <summary>Random pastes of mixed junk (fixed seed): cleaning never throws (other than rejecting an input left empty), never
/// hangs, and never produces text that the input does not contain.</summary>
public sealed partial class CleaningRobustnessTests
{
    private static readonly string[] Fragments =
    [
        "Advertisement", "Get more with myNEWS", "Learn more", "Home > News > China", "03:47", "1:02:15", "261", "Post", "Secret Link",
        "Add a comment", "Leave a Reply", "Your email address will not be published. Required fields are marked *",
        "By Alcott Wei,Xinlu Liang", "By Jane Roe and Tom Poe in Beijing", "Copyright scmp", "© 2023 Reuters. All rights reserved.",
        "This article appeared in the South China Morning Post print edition as: Something happened", "Published: 2 Sep 2022",
        "A man walks past a mural. Photo: AP", "Photo taken on August 27, 2020 shows a hall.(Xinji", "By Shutterstock.com / Jane Roe.",
        "Cranes stand idle Cranes stand idle", "  • The Story So Far", "  • A bullet that is a full sentence about the harbour and its workers.",
        "- item", "* ", "1. First", "# Heading", "## ", "> quoted line", "---", "===", "**Bold line**", "[link](https://example.com/x)",
        "![alt text](https://example.com/i.png)", "Q1: What is your comment?", "A: No comment.", "Reporter from China Daily",
        "Xu Guixiang: This question goes to Elijan Anayit.", "Directives on Stability and Ideology", "UN report finds it ‘reasonable to conclude’ forced labour exists",
        "“An opening quote that never closes.", "“A bare quote.”", "he said, continuing in lower case.", "year by year.By the end",
        "By March, 2021 numbers had risen.", "Copyright law is weak.", "Photos by local residents were shared.", ":", "?", "…", "“", "”", "‘’",
        "By " + string.Concat(Enumerable.Repeat("Aaa Bbb ", 40)) + "!",
        string.Concat(Enumerable.Repeat("Photo: ", 50)), string.Concat(Enumerable.Repeat("a > ", 30)), string.Concat(Enumerable.Repeat("12:34 ", 20)),
        "Xinjiang", "Technology", "   ", "\t", "中文新闻标题", "Ünïcödé Tëxt wïth äccents", "\u200B", "The end.",
    ];

    private static readonly string[] Words =
        ["the", "China", "said", "Xinjiang", "report", "“quote", "end”", "‘single’", "of", "and", "By", "Photo:", "AP", ">", "•", "03:47", "Mr.", "U.S.", "in", "2020"];

    [Fact]
    public async Task Process_RandomJunkPastes_NeverThrowsHangsOrInventsText()
    {
        var rng = new Random(20240611);
        var pipeline = DocumentPipeline.CreateDefault();
        var stopwatch = Stopwatch.StartNew();
        var task = Task.Run(() =>
        {
            for (int n = 0; n < 400; n++)
            {
                var input = RandomPaste(rng);
                ProcessedDocument doc;
                try
                {
                    doc = pipeline.Process(new RawInput($"random-{n}.txt", null, "text/plain", Encoding.UTF8.GetBytes(input), DateTimeOffset.UnixEpoch, InputHints.None));
                }
                catch (InputRejectedException)
                {
                    continue;
                }
                AssertOnlyInputText(input, doc);
            }
        });
        var finished = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(60)));
        finished.ShouldBeSameAs(task, "cleaning random pastes took over a minute");
        await task;
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void Process_LongPasteOfShortLines_FinishesQuickly()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) sb.Append("Short Title Line ").Append(i % 7).Append('\n');
        sb.Append("A closing paragraph that is long enough to count as the article body, ending properly.\n");
        var stopwatch = Stopwatch.StartNew();
        var doc = Cleaner.Clean(sb.ToString());
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        doc.Text.ShouldContain("A closing paragraph");
    }

    private static string RandomPaste(Random rng)
    {
        var sb = new StringBuilder();
        int lines = rng.Next(0, 40);
        for (int i = 0; i < lines; i++)
        {
            switch (rng.Next(5))
            {
                case 0:
                case 1:
                    sb.Append(Fragments[rng.Next(Fragments.Length)]);
                    break;
                case 2:
                    for (int w = rng.Next(1, 60); w > 0; w--) sb.Append(Words[rng.Next(Words.Length)]).Append(rng.Next(8) == 0 ? ". " : " ");
                    break;
                case 3:
                    sb.Append(Fragments[rng.Next(Fragments.Length)]).Append(' ').Append(Fragments[rng.Next(Fragments.Length)]);
                    break;
                default:
                    for (int c = rng.Next(1, 80); c > 0; c--) sb.Append((char)rng.Next(0x20, 0x2200));
                    break;
            }
            sb.Append(rng.Next(3) == 0 ? "\n\n" : "\n");
        }
        return sb.ToString();
    }

    private static void AssertOnlyInputText(string input, ProcessedDocument doc)
    {
        // Hard-wrapped lines are joined with a space, so compare with whitespace runs collapsed; Markdown links lose their
        // target ("[text](url)" reads "text"), the one rewrite cleaning makes.
        var haystack = Collapse(MarkdownLink().Replace(DecodingStage.Normalize(input), "${text}"));
        var m = doc.Metadata;
        IEnumerable<string> produced = [.. doc.BlockTexts(), .. m.Summary, .. m.Captions, .. m.Authors, .. m.Sections];
        if (m.Title is not null) produced = produced.Append(m.Title);
        foreach (var text in produced)
            haystack.ShouldContain(Collapse(text), Case.Sensitive, $"produced text not in the input:\n{input}");
    }

    [GeneratedRegex(@"(?<!!)\[(?<text>[^\[\]]+)\]\((?:https?://|/|#|mailto:)[^)\s]*\)")]
    private static partial Regex MarkdownLink();

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
