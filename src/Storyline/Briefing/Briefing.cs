namespace Storyline.Briefing;

/// <summary>One sentence of a briefing with the source sentences it rests on.</summary>
public sealed record BriefingSentence(string Text, IReadOnlyList<Citation> Citations);

/// <summary>A titled section; bulleted sections render each sentence as a bullet.</summary>
public sealed record BriefingSection(string Title, IReadOnlyList<BriefingSentence> Sentences, bool Bulleted);

/// <summary>A statement attributed to a speaker, as the attribution stage finds it: what the "Who Thinks What?" section is built from.</summary>
/// <param name="Speaker">Canonical speaker name.</param>
/// <param name="Role">Role or affiliation as the coverage gives it, if any.</param>
/// <param name="Camp">The side the speaker speaks for.</param>
/// <param name="Text">The statement's content.</param>
/// <param name="Citation">The content it comes from.</param>
/// <param name="Source">Where the text names the speaker, when it does.</param>
/// <param name="Verbatim">True for a direct quotation (quoted as such); false for reported speech (paraphrased with "says").</param>
public sealed record Statement(string Speaker, string? Role, string Camp, string Text, Citation Citation, Citation? Source = null, bool Verbatim = false);

/// <summary>A briefing on one story: headline, one-line summary and sections, every sentence cited.</summary>
public sealed record StoryBriefing(long StoryId, string Headline, BriefingSentence Summary, IReadOnlyList<BriefingSection> Sections, IReadOnlyDictionary<long, SourceInfo> Sources);

/// <summary>What a citation's document is, for footnotes and links.</summary>
/// <param name="DocumentId">The stored document.</param>
/// <param name="Title">Its headline, or its input name.</param>
/// <param name="Publisher">Publisher, when known.</param>
/// <param name="Published">Publication date (the first day of the month or year for a coarse estimate).</param>
/// <param name="PublishedIsEstimate">True when the date is estimated from the dates the text mentions.</param>
/// <param name="Url">Where it was fetched from.</param>
/// <param name="Text">Its cleaned text, which citations index.</param>
/// <param name="PublishedGranularity">How precise <paramref name="Published"/> is: a day, a month or a year.</param>
/// <param name="PublishedEvidence">What an estimated date rests on ("latest date mentioned: …"), shown with it.</param>
public sealed record SourceInfo(long DocumentId, string Title, string? Publisher, DateTimeOffset? Published, bool PublishedIsEstimate, string? Url, string Text,
    Time.TimeGranularity PublishedGranularity = Time.TimeGranularity.Day, string? PublishedEvidence = null)
{
    /// <summary>The date as precise as it is known; an estimate reads as the lower bound it is, with its evidence ("2019 or later
    /// (latest date mentioned: “2019”)"), never as a date. Null when there is none.</summary>
    public string? PublishedLabel => Published is not { } p ? null
        : !PublishedIsEstimate ? Documents.PublicationDate.Format(p, PublishedGranularity, estimate: false)
        : Documents.PublicationDate.Format(p, PublishedGranularity, estimate: false) + " or later" + (PublishedEvidence is { Length: > 0 } e ? $" ({e})" : " (estimated from the text)");
}

/// <summary>Section titles, fixed so that readers and tools find them.</summary>
public static class SectionTitles
{
    /// <summary>Three bullets on the latest development.</summary>
    public const string ExecutiveSummary = "Executive Summary";
    /// <summary>Background from earlier coverage, in time order.</summary>
    public const string StorySoFar = "The Story So Far";
    /// <summary>Stakes and consequences.</summary>
    public const string WhyThisMatters = "Why This Matters";
    /// <summary>One bullet per camp or principal actor.</summary>
    public const string WhoThinksWhat = "Who Thinks What?";
}
