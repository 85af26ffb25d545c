namespace Edge.Cli.Run;

/// <summary>One GPIO pin in the summary JSON.</summary>
internal sealed record JsonPin(string Source, int Pin, long EdgesSeen, long Accepted, long Debounced, long Settled, long Dropped, long WatchdogTimeouts);
