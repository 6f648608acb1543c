using Storyline.Documents;

namespace Storyline.Ingestion;

/// <summary>One thing read from an input specification: a raw input to process, or a failure to report.</summary>
public abstract record IngestItem(string Name);

/// <summary>A raw input ready for the pipeline.</summary>
public sealed record InputItem(RawInput Input) : IngestItem(Input.Name);

/// <summary>An input that could not be read, with a one-line reason.</summary>
public sealed record FailedItem(string Name, string Reason) : IngestItem(Name);
