using Edge.Ipc;

namespace Edge.Pipelines;

/// <summary>One mailbox of a <see cref="PipelineSummary"/>.</summary>
/// <param name="Name">The mailbox.</param>
/// <param name="Kind">The message kind it carries (<c>gpio</c>, <c>weather</c>, <c>button</c>, <c>alert</c>).</param>
/// <param name="Overflow">What a post to it does when it is full.</param>
/// <param name="Statistics">Its counters: sent, delivered, dropped, depth, high-water and more.</param>
/// <param name="Latency">Source timestamp to its reader's receive, on the run's clock.</param>
public sealed record MailboxSummary(string Name, string Kind, OverflowPolicy Overflow, BufferStatistics Statistics, LatencySummary Latency)
{
    /// <summary>True for a mailbox shared with other processes: its counts are the segment's, every process's sends and receives.</summary>
    public bool Shared { get; init; }
}
