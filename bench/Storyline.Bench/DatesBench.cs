using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Storyline.Extraction;
using Storyline.Extraction.Dates;
using Storyline.Metadata;

namespace Storyline.Bench;

/// <summary><c>dates --data PATH</c>: publication dates read straight from each page's HTML and URL, scored with htmldate's metric
/// (a page is right when the day matches); today's metadata path and the candidate extractor in the same run, on the whole set and on two halves.</summary>
public static class DatesBench
{
    // Gold is null where the set has no day (NaN): such a page can never be right, as in htmldate's evaluation.
    private sealed record Page(string Url, string File, DateOnly? Gold, string Html);

    private sealed record Score(int Pages, int TruePositives, int FalsePositives, int FalseNegatives)
    {
        public double Accuracy => Pages == 0 ? 0 : (double)TruePositives / Pages;
        public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
        public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);
        public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

        public object Figures() => new
        {
            pages = Pages, true_positives = TruePositives, false_positives = FalsePositives, false_negatives = FalseNegatives,
            accuracy = BenchOutput.R(Accuracy), precision = BenchOutput.R(Precision), recall = BenchOutput.R(Recall), f1 = BenchOutput.R(F1),
        };
    }

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "A folder with gold.json ({url: {file, date}}) and pages/<file>.gz", Required = true };
        var errors = new Option<int>("--errors") { Description = "Print up to N pages the extractor gets wrong, with their candidates" };
        var half = new Option<string?>("--half") { Description = "Print errors only from half a or b of the pages (alternate pages in file-name order)" };
        var profile = new Option<bool>("--profile") { Description = "Print the time each candidate source takes over all pages" };
        var dump = new Option<string?>("--dump") { Description = "File for each page's chosen day and every candidate, so that a change meant to keep output can be diffed" };
        var command = new Command("dates", "Publication dates from HTML and URL against gold days (htmldate's metric): before and after") { data, errors, half, profile, dump };
        command.SetAction(parse =>
        {
            var pages = Load(parse.GetValue(data)!);
            if (pages.Count == 0) { Console.Error.WriteLine("error: no pages found"); return 1; }
            var parser = new HtmlParser(StorylineExtractor.ParserOptions);
            if (parse.GetValue(profile)) { Profile(pages, parser); return 0; }
            var extractor = new PublicationDateExtractor();
            var before = new DateOnly?[pages.Count];
            var after = new DateOnly?[pages.Count];
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < pages.Count; i++)
            {
                var page = pages[i];
                var document = parser.ParseDocument(NestingLimiter.Limit(StorylineExtractor.StripUnreadElements(page.Html), CancellationToken.None));
                // Today's ingest path: the first metadata date, else the URL's (MetadataStage), the day as the value states it.
                var meta = PageMetadata.Read(page.Html, document);
                before[i] = meta.Published is { } p ? DateOnly.FromDateTime(p.DateTime) : DateFinder.FromUrl(page.Url)?.Date;
                after[i] = extractor.Extract(page.Html, document, page.Url)?.Candidate.Day;
            }
            double seconds = watch.Elapsed.TotalSeconds;
            if (parse.GetValue(dump) is { } dumpFile) Dump(dumpFile, pages, parser, extractor);
            int shown = 0, limit = parse.GetValue(errors);
            var only = parse.GetValue(half);
            for (int i = 0; i < pages.Count && shown < limit; i++)
            {
                if ((after[i] is { } a && a == pages[i].Gold) || (only is not null && Half(i) != only)) continue;
                shown++;
                var page = pages[i];
                Console.WriteLine($"--- {page.File} {page.Url}\n    gold {page.Gold?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none"}  ours {after[i]?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none"}  before {before[i]?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none"}");
                var document = parser.ParseDocument(NestingLimiter.Limit(StorylineExtractor.StripUnreadElements(page.Html), CancellationToken.None));
                foreach (var c in PublicationDateExtractor.Candidates(page.Html, document, page.Url).Take(40))
                    Console.WriteLine($"    {(c.Day == page.Gold ? "*" : " ")} {c.Day:yyyy-MM-dd} {c.Granularity,-5} {c.Origin,-11} {c.Role,-9} {c.Place,-7} #{c.Order} {Clip(c.Evidence)}");
            }
            var all = Evaluate(pages, after, _ => true);
            var old = Evaluate(pages, before, _ => true);
            Console.WriteLine($"before accuracy {old.Accuracy:0.000} P {old.Precision:0.000} R {old.Recall:0.000} F1 {old.F1:0.000}");
            Console.WriteLine($"after  accuracy {all.Accuracy:0.000} P {all.Precision:0.000} R {all.Recall:0.000} F1 {all.F1:0.000}");
            BenchOutput.Write(new
            {
                bench = "dates",
                data = parse.GetValue(data),
                pages = pages.Count,
                before = old.Figures(),
                after = all.Figures(),
                after_half_a = Evaluate(pages, after, i => Half(i) == "a").Figures(),
                after_half_b = Evaluate(pages, after, i => Half(i) == "b").Figures(),
                before_half_a = Evaluate(pages, before, i => Half(i) == "a").Figures(),
                before_half_b = Evaluate(pages, before, i => Half(i) == "b").Figures(),
                pages_per_second = BenchOutput.R(pages.Count / seconds, 1),
            });
            return 0;
        });
        return command;
    }

    private static void Profile(List<Page> pages, HtmlParser parser)
    {
        var documents = pages.Select(p => parser.ParseDocument(NestingLimiter.Limit(StorylineExtractor.StripUnreadElements(p.Html), CancellationToken.None))).ToList();
        // Listed once beforehand, as the extractor shares one listing between the metadata and every source.
        var elements = documents.Select(PageElements.Of).ToList();
        for (int round = 0; round < 2; round++)
            foreach (var source in PublicationDateExtractor.Sources)
            {
                var watch = Stopwatch.StartNew();
                long bytes = GC.GetAllocatedBytesForCurrentThread();
                int found = 0;
                for (int i = 0; i < pages.Count; i++) found += source.Find(new DatePage(pages[i].Html, documents[i], pages[i].Url, elements: elements[i])).Count();
                if (round == 1)
                    Console.WriteLine($"{source.GetType().Name,-24} {watch.Elapsed.TotalMilliseconds,8:0.0} ms {(GC.GetAllocatedBytesForCurrentThread() - bytes) / 1048576.0,7:0.0} MB  {found} candidates");
            }
    }

    private static void Dump(string file, List<Page> pages, HtmlParser parser, PublicationDateExtractor extractor)
    {
        using var writer = new StreamWriter(file);
        foreach (var page in pages)
        {
            var document = parser.ParseDocument(NestingLimiter.Limit(StorylineExtractor.StripUnreadElements(page.Html), CancellationToken.None));
            var choice = extractor.Extract(page.Html, document, page.Url);
            writer.WriteLine($"{page.File}\t{choice?.Published:O}\t{choice?.Source}\t{choice?.Score:R}\t{choice?.Candidate.Evidence}");
            foreach (var c in PublicationDateExtractor.Candidates(page.Html, document, page.Url))
                writer.WriteLine($"\t{c.Day:yyyy-MM-dd}\t{c.Value:O}\t{c.Granularity}\t{c.Origin}\t{c.Role}\t{c.Place}\t{c.Order}\t{c.Utc}\t{c.Evidence.ReplaceLineEndings(" ")}");
        }
    }

    // Alternate pages in file-name order: a split that does not follow the gold file's order of sites.
    private static string Half(int index) => index % 2 == 0 ? "a" : "b";

    private static string Clip(string s)
    {
        s = s.ReplaceLineEndings(" ");
        return s.Length > 90 ? s[..90] : s;
    }

    private static Score Evaluate(List<Page> pages, DateOnly?[] found, Func<int, bool> include)
    {
        int n = 0, tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < pages.Count; i++)
        {
            if (!include(i)) continue;
            n++;
            if (found[i] is not { } day) fn++;
            else if (pages[i].Gold is { } gold && day == gold) tp++;
            else fp++;
        }
        return new Score(n, tp, fp, fn);
    }

    private static List<Page> Load(string path)
    {
        // htmldate's file writes a missing day as a bare NaN, which is not JSON.
        using var gold = JsonDocument.Parse(File.ReadAllText(Path.Combine(path, "gold.json")).Replace(": NaN", ": null", StringComparison.Ordinal));
        var pages = new List<Page>();
        foreach (var entry in gold.RootElement.EnumerateObject())
        {
            var name = entry.Value.GetProperty("file").GetString()!;
            var file = Path.Combine(path, "pages", name + ".gz");
            if (!File.Exists(file)) continue;
            using var gz = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            gz.CopyTo(buffer);
            var html = Decode(buffer.ToArray());
            var date = entry.Value.GetProperty("date");
            DateOnly? day = date.ValueKind == JsonValueKind.String ? DateOnly.ParseExact(date.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
            pages.Add(new Page(entry.Name, name, day, html));
        }
        pages.Sort((a, b) => string.CompareOrdinal(a.File, b.File));
        return pages;
    }

    // The pages are stored as fetched; the ingest path decodes them with the encoding detector, and so does the bench.
    private static string Decode(byte[] bytes) => Storyline.Decoding.EncodingDetector.Decode(bytes, null, isHtml: true).Text;
}
