namespace Edge.Benchmarks.Gpio;

/// <summary>The outcome of one storm burst.</summary>
/// <param name="Lost">Edges driven but never received: dropped by the emulator's edge queue, suppressed by the source's
/// filter, or refused by the full mailbox.</param>
/// <param name="Rate">Received events per second, from driving the first edge to receiving the last event.</param>
internal readonly record struct StormBurst(long Lost, double Rate);
