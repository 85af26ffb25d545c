namespace Edge.Hosting;

/// <summary>
/// A running pipeline's health at one moment, for the stats line: totals since the start and changes since the
/// previous report, the fullest mailbox, GPIO edges and sensor readings, and failed tasks.
/// </summary>
/// <param name="TimeNanoseconds">The run clock (virtual time on the emulator) when it was taken.</param>
/// <param name="IntervalNanoseconds">Run time since the previous report (or the start).</param>
/// <param name="Delivered">Messages delivered to stages and sinks, all mailboxes.</param>
/// <param name="DeliveredSinceLast">Of those, since the previous report.</param>
/// <param name="Dropped">Messages dropped by overflow policies, all mailboxes.</param>
/// <param name="DroppedSinceLast">Of those, since the previous report.</param>
/// <param name="Deepest">The mailbox holding the most messages now, relative to its capacity.</param>
/// <param name="Depth">Its depth.</param>
/// <param name="Capacity">Its capacity.</param>
/// <param name="HighWater">Its high-water mark.</param>
/// <param name="EdgesSeen">GPIO edges seen, all pins.</param>
/// <param name="EdgesDropped">GPIO edges dropped, all pins.</param>
/// <param name="Readings">Sensor readings taken, all samplers.</param>
/// <param name="FailedTasks">Stages and sinks that failed.</param>
public sealed record PipelineHealth(
    long TimeNanoseconds,
    long IntervalNanoseconds,
    long Delivered,
    long DeliveredSinceLast,
    long Dropped,
    long DroppedSinceLast,
    string Deepest,
    int Depth,
    int Capacity,
    int HighWater,
    long EdgesSeen,
    long EdgesDropped,
    long Readings,
    int FailedTasks);
