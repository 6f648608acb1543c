namespace Storyline.Attribution.Rules;

/// <summary>One step of rule-based attribution: it reads the document's <see cref="AttributionWork"/> and commits the attributions it
/// finds there. Steps run in the order <see cref="AttributionExtractor"/> registers them; tokens an earlier step took are not taken again.</summary>
internal interface IAttributionStep
{
    /// <summary>The step's name, for tracing an attribution back to the step that found it.</summary>
    string Name { get; }

    /// <summary>Runs the step on one document.</summary>
    void Run(AttributionWork doc, CancellationToken cancellationToken);
}
