namespace Storyline.Briefing;

/// <summary>Writes a story's briefing from its analysed documents and attributed statements; every sentence cites source text.</summary>
public interface IBriefingWriter
{
    /// <summary>The briefing of the story.</summary>
    Task<StoryBriefing> WriteAsync(long storyId, IReadOnlyList<AnalysedDocument> documents, IReadOnlyList<Statement> statements, CancellationToken cancellationToken = default);
}
