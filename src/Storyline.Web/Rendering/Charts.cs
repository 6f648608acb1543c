using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Storyline.Briefing;
using Storyline.Web.Services;

namespace Storyline.Web.Rendering;

/// <summary>Server-rendered SVG charts (no script): a story's time axis and its sources' quotes by camp. Built with <see cref="TagBuilder"/>,
/// so every label taken from an article is encoded.</summary>
public static class Charts
{
    private const int Width = 760;

    /// <summary>The colour class of a camp: its place among the story's camps (most quoted first), in a palette of eight.</summary>
    public static string CampClass(IReadOnlyList<string> camps, string camp)
    {
        ArgumentNullException.ThrowIfNull(camps);
        var i = 0;
        for (; i < camps.Count; i++) if (string.Equals(camps[i], camp, StringComparison.Ordinal)) break;
        return "c" + (i % 8).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The timeline as a horizontal time axis: one dot per event (linking to its first source sentence, its text as tooltip),
    /// events close in time stacked above each other, years (or months) as ticks.</summary>
    public static IHtmlContent Timeline(IReadOnlyList<TimelineEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        const int left = 30, right = 30, laneHeight = 14, maxLanes = 8;
        var days = events.Select(e => e.Date.DayNumber).ToList();
        var (min, max) = days.Count == 0 ? (0, 1) : (days.Min(), days.Max());
        if (max == min) { min -= 15; max += 15; }
        double X(int day) => left + (day - min) * (double)(Width - left - right) / (max - min);

        // Lanes: an event goes to the lowest lane whose last dot is far enough to the left.
        var lanesEnd = new List<double>();
        var placed = new List<(TimelineEvent Event, double X, int Lane)>();
        foreach (var e in events.OrderBy(e => e.Date))
        {
            var x = X(e.Date.DayNumber);
            var lane = lanesEnd.FindIndex(end => x - end >= 12);
            if (lane < 0) { lane = Math.Min(lanesEnd.Count, maxLanes - 1); if (lane == lanesEnd.Count) lanesEnd.Add(x); }
            lanesEnd[lane] = x;
            placed.Add((e, x, lane));
        }
        var lanes = Math.Max(1, lanesEnd.Count);
        var axisY = 14 + lanes * laneHeight;
        var height = axisY + 34;

        var svg = Svg("chart timeline-chart", height, $"Timeline: {events.Count} dated events");
        svg.InnerHtml.AppendHtml(Element("line", ("x1", N(left)), ("y1", N(axisY)), ("x2", N(Width - right)), ("y2", N(axisY)), ("class", "axis")));
        foreach (var (label, day) in Ticks(DateOnly.FromDayNumber(min), DateOnly.FromDayNumber(max)))
        {
            var x = X(day.DayNumber);
            svg.InnerHtml.AppendHtml(Element("line", ("x1", N(x)), ("y1", N(axisY - 4)), ("x2", N(x)), ("y2", N(axisY + 4)), ("class", "tick")));
            var text = Element("text", ("x", N(x)), ("y", N(axisY + 20)), ("class", "tick-label"), ("text-anchor", "middle"));
            text.InnerHtml.Append(label);
            svg.InnerHtml.AppendHtml(text);
        }
        foreach (var (e, x, lane) in placed)
        {
            var y = axisY - 10 - lane * laneHeight;
            var dot = Element("circle", ("cx", N(x)), ("cy", N(y)), ("r", "5"), ("class", "event"));
            var title = new TagBuilder("title");
            title.InnerHtml.Append($"{e.DateValue}: {e.Text}");
            dot.InnerHtml.AppendHtml(title);
            if (e.Sources.Count > 0)
            {
                var link = Element("a", ("href", Links.Cite(e.Sources[0])));
                link.InnerHtml.AppendHtml(dot);
                svg.InnerHtml.AppendHtml(link);
            }
            else svg.InnerHtml.AppendHtml(dot);
        }
        return svg;
    }

    /// <summary>One stacked bar per source: how many statements of each camp its documents quote.</summary>
    public static IHtmlContent SourceBars(IReadOnlyList<SourceQuotes> sources, IReadOnlyList<string> camps)
    {
        ArgumentNullException.ThrowIfNull(sources);
        const int labelWidth = 220, rowHeight = 24, barHeight = 16;
        var barWidth = Width - labelWidth - 50;
        var most = Math.Max(1, sources.Count == 0 ? 1 : sources.Max(s => s.Total));
        var height = Math.Max(1, sources.Count) * rowHeight + 6;
        var svg = Svg("chart sources-chart", height, "Statements quoted by each source, by camp");
        for (var row = 0; row < sources.Count; row++)
        {
            var s = sources[row];
            var y = 4 + row * rowHeight;
            var label = Element("text", ("x", N(labelWidth - 8)), ("y", N(y + barHeight - 3)), ("class", "bar-label"), ("text-anchor", "end"));
            label.InnerHtml.Append(s.Source.Length > 32 ? s.Source[..31] + "…" : s.Source);
            svg.InnerHtml.AppendHtml(label);
            double x = labelWidth;
            foreach (var (camp, count) in s.Camps)
            {
                var w = count * (double)barWidth / most;
                var rect = Element("rect", ("x", N(x)), ("y", N(y)), ("width", N(w)), ("height", N(barHeight)), ("class", "bar " + CampClass(camps, camp)));
                var title = new TagBuilder("title");
                title.InnerHtml.Append($"{s.Source}: {count} {(count == 1 ? "statement" : "statements")} by {camp}");
                rect.InnerHtml.AppendHtml(title);
                svg.InnerHtml.AppendHtml(rect);
                x += w;
            }
            var total = Element("text", ("x", N(x + 6)), ("y", N(y + barHeight - 3)), ("class", "bar-total"));
            total.InnerHtml.Append(s.Total.ToString(CultureInfo.InvariantCulture));
            svg.InnerHtml.AppendHtml(total);
        }
        return svg;
    }

    private static IEnumerable<(string Label, DateOnly Day)> Ticks(DateOnly from, DateOnly to)
    {
        if (to.Year - from.Year >= 2)
        {
            var step = Math.Max(1, (to.Year - from.Year) / 8);
            for (var y = from.Year + 1; y <= to.Year; y += step) yield return (y.ToString(CultureInfo.InvariantCulture), new DateOnly(y, 1, 1));
            yield break;
        }
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month;
        var every = Math.Max(1, months / 8);
        for (var d = new DateOnly(from.Year, from.Month, 1).AddMonths(1); d <= to; d = d.AddMonths(every))
            yield return (d.ToString("MMM yyyy", CultureInfo.InvariantCulture), d);
    }

    private static TagBuilder Svg(string cssClass, int height, string label)
    {
        var svg = Element("svg", ("viewBox", $"0 0 {Width} {height}"), ("width", N(Width)), ("height", N(height)), ("role", "img"), ("aria-label", label));
        svg.AddCssClass(cssClass);
        return svg;
    }

    private static TagBuilder Element(string name, params (string Name, string Value)[] attributes)
    {
        var element = new TagBuilder(name) { TagRenderMode = TagRenderMode.Normal };
        foreach (var (n, v) in attributes) element.Attributes[n] = v;
        return element;
    }

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
