namespace Edge.Pipelines;

/// <summary>One BME280 sampler of a <see cref="PipelineSummary"/>.</summary>
/// <param name="Name">The source's name.</param>
/// <param name="Readings">Readings taken.</param>
/// <param name="Dropped">Readings the mailbox refused.</param>
public sealed record SamplerSummary(string Name, long Readings, long Dropped);
