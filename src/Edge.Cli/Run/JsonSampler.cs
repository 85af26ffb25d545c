namespace Edge.Cli.Run;

/// <summary>One sensor sampler in the summary JSON.</summary>
internal sealed record JsonSampler(string Name, long Readings, long Dropped);
