using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Storyline.Documents;
using Storyline.Time;

namespace Storyline.Bench;

/// <summary><c>timex --data PATH</c>: TempEval-3 style evaluation of time expression recognition and normalisation on
/// TimeML (.tml) files: strict and relaxed span P/R/F1, type and value accuracy over relaxed matches, value F1, speed.</summary>
public static partial class TimexBench
{
    /// <summary>One gold TIMEX3 in the plain text.</summary>
    internal sealed record Gold(TextSpan Span, string Type, string Value);

    /// <summary>One TimeML document: plain text of its TEXT element, the gold expressions in it and its creation time.</summary>
    internal sealed record Doc(string Name, string Text, DateOnly? Dct, List<Gold> Golds);

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "A folder of TimeML .tml files (recursive), e.g. TimeBank/AQUAINT", Required = true };
        var rounds = new Option<int>("--rounds") { Description = "Timed passes over the corpus; the best is reported", DefaultValueFactory = _ => 5 };
        var errors = new Option<int>("--errors") { Description = "Print up to N misses, false alarms and wrong values", DefaultValueFactory = _ => 0 };
        var profile = new Option<bool>("--profile") { Description = "Print the time each recognition rule takes" };
        var command = new Command("timex", "Time expression recognition and normalisation against TimeML gold (TempEval-3 task A)") { data, rounds, errors, profile };
        command.SetAction((parse, ct) =>
        {
            var docs = Load(parse.GetValue(data)!);
            if (docs.Count == 0) { Console.Error.WriteLine("error: no .tml files found"); return Task.FromResult(1); }
            var recognizer = new TimeExpressionRecognizer();
            if (parse.GetValue(profile))
            {
                foreach (var rule in TimeExpressionRecognizer.Rules)
                {
                    var w = Stopwatch.StartNew(); int n = 0;
                    foreach (var doc in docs) n += TimeExpressionRecognizer.Find(rule, doc.Text).Count();
                    w.Restart(); foreach (var doc in docs) n += TimeExpressionRecognizer.Find(rule, doc.Text).Count();
                    Console.WriteLine($"{rule.Name,-20} {w.Elapsed.TotalMilliseconds,8:0.0} ms {n}");
                }
                var w2 = Stopwatch.StartNew();
                foreach (var doc in docs) recognizer.Recognize(doc.Text, doc.Dct, ct);
                Console.WriteLine($"total {w2.Elapsed.TotalMilliseconds:0.0} ms");
            }
            // Warm up: the source-generated patterns start as quick-JIT code and are re-jitted optimised in the background.
            for (int w = 0; w < 2; w++)
            {
                foreach (var doc in docs) recognizer.Recognize(doc.Text, doc.Dct, ct);
                Thread.Sleep(300);
            }
            var outputs = new List<IReadOnlyList<TimeExpression>>();
            double best = double.MaxValue;
            for (int r = 0; r < Math.Max(1, parse.GetValue(rounds)); r++)
            {
                outputs.Clear();
                var sw = Stopwatch.StartNew();
                foreach (var doc in docs) outputs.Add(recognizer.Recognize(doc.Text, doc.Dct, ct));
                best = Math.Min(best, sw.Elapsed.TotalSeconds);
            }
            var score = Score(docs, outputs, parse.GetValue(errors));
            int found = outputs.Sum(o => o.Count);
            long chars = docs.Sum(d => (long)d.Text.Length);
            BenchOutput.Write(new
            {
                bench = "timex",
                data = parse.GetValue(data),
                documents = docs.Count,
                gold = score.Gold,
                system = score.System,
                strict_precision = BenchOutput.R(score.StrictP),
                strict_recall = BenchOutput.R(score.StrictR),
                strict_f1 = BenchOutput.R(score.StrictF),
                relaxed_precision = BenchOutput.R(score.RelaxedP),
                relaxed_recall = BenchOutput.R(score.RelaxedR),
                relaxed_f1 = BenchOutput.R(score.RelaxedF),
                type_accuracy = BenchOutput.R(score.TypeAccuracy),
                value_accuracy = BenchOutput.R(score.ValueAccuracy),
                type_f1 = BenchOutput.R(score.RelaxedF * score.TypeAccuracy),
                value_f1 = BenchOutput.R(score.RelaxedF * score.ValueAccuracy),
                expressions_per_second = BenchOutput.R(found / best, 0),
                megabytes_per_second = BenchOutput.R(chars * 2 / 1e6 / best, 2),
                seconds = BenchOutput.R(best, 3),
            });
            return Task.FromResult(0);
        });
        return command;
    }

    internal sealed record Scores(int Gold, int System, double StrictP, double StrictR, double StrictF, double RelaxedP, double RelaxedR, double RelaxedF,
        double TypeAccuracy, double ValueAccuracy);

    internal static Scores Score(List<Doc> docs, List<IReadOnlyList<TimeExpression>> outputs, int showErrors)
    {
        int gold = 0, system = 0, strict = 0, relaxed = 0, typeOk = 0, valueOk = 0, shown = 0;
        for (int i = 0; i < docs.Count; i++)
        {
            var doc = docs[i];
            var sys = outputs[i];
            gold += doc.Golds.Count;
            system += sys.Count;
            var used = new bool[sys.Count];
            foreach (var g in doc.Golds)
            {
                int exact = -1, overlap = -1;
                for (int k = 0; k < sys.Count; k++)
                {
                    if (used[k]) continue;
                    if (sys[k].Span == g.Span) { exact = k; break; }
                    if (overlap < 0 && sys[k].Span.Overlaps(g.Span)) overlap = k;
                }
                int match = exact >= 0 ? exact : overlap;
                if (match < 0)
                {
                    if (shown++ < showErrors) Console.WriteLine($"MISS  {doc.Name} [{g.Type} {g.Value}] \"{g.Span.Slice(doc.Text)}\" ...{Context(doc.Text, g.Span)}...");
                    continue;
                }
                used[match] = true;
                relaxed++;
                var s = sys[match];
                if (exact >= 0) strict++;
                else if (shown++ < showErrors) Console.WriteLine($"SPAN  {doc.Name} gold \"{g.Span.Slice(doc.Text)}\" got \"{s.Text}\"");
                if (s.TypeName == g.Type) typeOk++;
                if (s.Value == g.Value) valueOk++;
                else if (shown++ < showErrors)
                    Console.WriteLine($"VALUE {doc.Name} dct={doc.Dct:yyyy-MM-dd} gold [{g.Type} {g.Value}] \"{g.Span.Slice(doc.Text)}\" got [{s.TypeName} {s.Value}] \"{s.Text}\" ...{Context(doc.Text, g.Span)}...");
            }
            for (int k = 0; k < sys.Count; k++)
            {
                if (!used[k] && shown++ < showErrors) Console.WriteLine($"FALSE {doc.Name} [{sys[k].TypeName} {sys[k].Value}] \"{sys[k].Text}\" ...{Context(doc.Text, sys[k].Span)}...");
            }
        }
        static double Div(double a, double b) => b == 0 ? 0 : a / b;
        static double F(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
        double sp = Div(strict, system), sr = Div(strict, gold), rp = Div(relaxed, system), rr = Div(relaxed, gold);
        return new Scores(gold, system, sp, sr, F(sp, sr), rp, rr, F(rp, rr), Div(typeOk, relaxed), Div(valueOk, relaxed));
    }

    private static string Context(string text, TextSpan span)
    {
        int a = Math.Max(0, span.Start - 40), b = Math.Min(text.Length, span.End + 40);
        return text[a..b].Replace('\n', ' ');
    }

    internal static List<Doc> Load(string path)
    {
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.tml", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith("._", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            : (IEnumerable<string>)[path];
        return files.Select(f => Parse(Path.GetFileName(f), File.ReadAllText(f))).ToList();
    }

    /// <summary>Strips TimeML markup from the TEXT element, keeping gold TIMEX3 spans as offsets into the plain text.</summary>
    internal static Doc Parse(string name, string xml)
    {
        DateOnly? dct = null;
        var dctMatch = DctTimex().Match(xml);
        if (dctMatch.Success && Attr(dctMatch.Value, "value") is { Length: >= 10 } v
            && DateOnly.TryParseExact(v[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            dct = d;
        int start = xml.IndexOf("<TEXT>", StringComparison.Ordinal), end = xml.IndexOf("</TEXT>", StringComparison.Ordinal);
        var body = start >= 0 && end > start ? xml[(start + 6)..end] : xml;
        var text = new StringBuilder(body.Length);
        var golds = new List<Gold>();
        (int Start, string Type, string Value)? open = null;
        int i = 0;
        while (i < body.Length)
        {
            if (body[i] == '<')
            {
                int close = body.IndexOf('>', i);
                if (close < 0) break;
                var tag = body[i..(close + 1)];
                if (tag.StartsWith("<TIMEX3", StringComparison.Ordinal))
                    open = (text.Length, Attr(tag, "type") ?? "DATE", Attr(tag, "value") ?? "");
                else if (tag.StartsWith("</TIMEX3", StringComparison.Ordinal) && open is { } o)
                {
                    golds.Add(new Gold(TextSpan.FromBounds(o.Start, text.Length), o.Type, o.Value));
                    open = null;
                }
                i = close + 1;
            }
            else if (body[i] == '&')
            {
                int semi = body.IndexOf(';', i);
                if (semi > i && semi - i < 10)
                {
                    text.Append(WebUtility.HtmlDecode(body[i..(semi + 1)]));
                    i = semi + 1;
                }
                else text.Append(body[i++]);
            }
            else text.Append(body[i++]);
        }
        return new Doc(name, text.ToString(), dct, golds);
    }

    private static string? Attr(string tag, string name)
    {
        var m = Regex.Match(tag, name + "=\"([^\"]*)\"");
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex("<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>")]
    private static partial Regex DctTimex();
}
