namespace Storyline.Extraction.Dates;

/// <summary>Collects date candidates of one kind (structured data, URL, markup, text) from a page.</summary>
internal interface IDateCandidateSource
{
    /// <summary>The candidates this source finds on <paramref name="page"/>.</summary>
    IEnumerable<DateCandidate> Find(DatePage page);
}
