namespace Edge.Cli.Run;

/// <summary>One stage or sink in the summary JSON.</summary>
internal sealed record JsonStage(string Name, string Role, string From, string[] To, long Processed, JsonLatency LatencyNs);
