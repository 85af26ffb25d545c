namespace Edge.Cli.Run;

/// <summary>The parsed options of <c>edge run</c>.</summary>
internal sealed record RunOptions(string Board, string? PipelinePath, string? ScenarioPath, long DurationNanoseconds, bool RealTime);
