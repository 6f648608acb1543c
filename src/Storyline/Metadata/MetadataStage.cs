using Storyline.Documents;
using Storyline.Pipeline;

namespace Storyline.Metadata;

/// <summary>Options for <see cref="MetadataStage"/>.</summary>
/// <param name="EstimateFromText">Estimate the publication date from the latest date the text mentions when nothing states it.</param>
public sealed record MetadataOptions(bool EstimateFromText = true);

/// <summary>Fills metadata from input hints, the URL and the text: publication date (stated or estimated, with evidence), publisher, language.</summary>
public sealed class MetadataStage(MetadataOptions options) : IDocumentStage
{
    /// <inheritdoc />
    public void Process(DocumentContext context, CancellationToken cancellationToken)
    {
        var hints = context.Input.Hints;
        if (hints.Source is { Length: > 0 } source) context.Publisher ??= source;
        if (hints.Authors is { Count: > 0 } authors) context.Authors.InsertRange(0, authors);

        // A date the user or the record gives overrides anything read from the content.
        if (hints.Published is { } given) context.Published = new PublicationDate(given, DateSource.Given, "given with the input");
        if (context.Published is null && DateFinder.FromUrl(context.Input.Url) is { } fromUrl)
            context.Published = new PublicationDate(ToOffset(fromUrl.Date), DateSource.Url, fromUrl.Evidence);
        if (context.Published is null && options.EstimateFromText) context.Published = Estimate(context);

        context.Publisher ??= PublisherFromUrl(context.Input.Url);
        context.Language = LanguageDetector.Detect(string.Join('\n', context.Blocks.Select(b => b.Text))) ?? context.Language;
    }

    /// <summary>A lower bound on the publication date: the latest day, month or year the text mentions, to that precision
    /// ("in 2021" gives 2021, "July 2020" gives 2020-07); on a tie the more precise wins.</summary>
    private static PublicationDate? Estimate(DocumentContext context)
    {
        var today = DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime);
        DateFinder.FoundPeriod? latest = null;
        // Captions are left out: a file photo's caption dates the photo, not the article.
        foreach (var block in context.Blocks.Select(b => b.Text))
        {
            foreach (var found in DateFinder.FindPeriods(block))
            {
                // A date after today is a plan or a typo, not evidence of when the article appeared.
                if (found.Start > today) continue;
                if (latest is null || found.Start > latest.Start || (found.Start == latest.Start && found.Granularity < latest.Granularity)) latest = found;
            }
        }
        return latest is null ? null
            : new PublicationDate(ToOffset(latest.Start), DateSource.TextEstimate, $"latest date mentioned: \"{latest.Evidence}\"", latest.Granularity);
    }

    private static DateTimeOffset ToOffset(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>A publisher name from a URL host ("www.scmp.com" gives "scmp.com"), or null.</summary>
    public static string? PublisherFromUrl(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return null;
        var host = uri.Host;
        return host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
    }
}
