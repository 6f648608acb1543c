namespace Storyline.Entities.Resolution;

/// <summary>One step of entity resolution: it reads and adds to the document's <see cref="EntityWork"/>. Steps run in the order
/// <see cref="EntityResolver"/> registers them, each seeing what the earlier ones found.</summary>
internal interface IEntityStep
{
    /// <summary>The step's name, for tracing a decision back to the step that made it.</summary>
    string Name { get; }

    /// <summary>Runs the step on one document.</summary>
    void Run(EntityWork doc);
}
