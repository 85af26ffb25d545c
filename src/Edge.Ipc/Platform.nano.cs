using System;
using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// nanoFramework forms of the platform primitives (see Platform.net.cs). nanoFramework runs managed threads
/// on one core with no reordering visible to managed code, so plain field access is already ordered; it has
/// no Volatile class and no monotonic tick counter, so the clock comes from DateTime ticks (the system tick). Its
/// mscorlib offers the 32-bit Interlocked operations the ring needs.
/// </summary>
internal static class Platform
{
    /// <summary>Single core: a waiter parks at once instead of polling.</summary>
    internal static readonly bool CanSpin = false;

    internal static int Read(ref int location) => location;

    internal static void Write(ref int location, int value) => location = value;

    internal static int CompareExchange(ref int location, int value, int comparand) =>
        Interlocked.CompareExchange(ref location, value, comparand);

    internal static int Exchange(ref int location, int value) => Interlocked.Exchange(ref location, value);

    /// <summary>The system's own 100 ns tick, in nanoseconds: what deadlines are on when the runtime's clock is not virtual.</summary>
    internal static long NowNanoseconds() => DateTime.UtcNow.Ticks * 100;

    internal static long NowMilliseconds() => DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond;

    /// <summary>One core: every thread shares it.</summary>
    internal static int CurrentProcessor() => 0;

    /// <summary>Single core: a blocked task parks at once.</summary>
    internal const int MaxPolls = 0;

    internal const int MaxYields = 0;

    internal const int InitialPolls = 0;

    internal static void Poll(int round) => Thread.Sleep(0);

    internal static void Yield() => Thread.Sleep(0);

    /// <summary>The partner can only finish its copy if this thread gives the core away.</summary>
    internal static void AwaitPartner(int round) => Thread.Sleep(0);
}
