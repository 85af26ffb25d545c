using System;
using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// nanoFramework forms of the platform primitives (see Platform.net.cs). nanoFramework runs managed threads
/// on one core with no reordering visible to managed code, so plain field access is already ordered; it has
/// no Volatile class and no monotonic tick counter, so the millisecond clock comes from DateTime ticks.
/// </summary>
internal static class Platform
{
    /// <summary>Single core: a waiter parks at once instead of spinning.</summary>
    internal static readonly bool CanSpin = false;

    internal static int Read(ref int location) => location;

    internal static void Write(ref int location, int value) => location = value;

    internal static long NowMilliseconds() => DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond;

    /// <summary>Single core: a blocked task parks at once.</summary>
    internal const int WaitPolls = 0;

    /// <summary>Single core: a blocking operation queues at once.</summary>
    internal const int QueuePolls = 0;

    internal static void Poll(int round) => Thread.Sleep(0);
}
