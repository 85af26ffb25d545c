namespace Edge.Cli.Run;

/// <summary>
/// One mailbox in the summary JSON: the console table's row, every counter, and its reader's latency. A shared mailbox
/// (<c>Shared</c>) counts every process's sends and receives, and may have no reader in this pipeline (<c>Reader</c> null).
/// </summary>
internal sealed record JsonMailbox(
    string Name,
    string Kind,
    int Capacity,
    string Overflow,
    long Sent,
    long Delivered,
    long Dropped,
    long Refused,
    long TimedOut,
    int Depth,
    int HighWater,
    bool Closed,
    string? Reader,
    JsonLatency LatencyNs,
    bool Shared);
