using System;
using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// The few primitives whose best form differs between .NET and nanoFramework (see Platform.nano.cs).
/// On .NET: acquire/release field access, a monotonic millisecond tick, and a short poll.
/// </summary>
internal static class Platform
{
    /// <summary>True where spinning briefly before parking can pay off (more than one core).</summary>
    internal static readonly bool CanSpin = Environment.ProcessorCount > 1;

    internal static int Read(ref int location) => Volatile.Read(ref location);

    internal static void Write(ref int location, int value) => Volatile.Write(ref location, value);

    internal static long NowMilliseconds() => Environment.TickCount64;

    /// <summary>
    /// Polls a blocked task makes (see <see cref="Poll"/>) before it parks: about 50 microseconds, longer than
    /// waking a parked thread usually takes, so a partner that is running answers before we sleep.
    /// </summary>
    internal const int WaitPolls = 512;

    /// <summary>
    /// Polls a blocking send or receive makes on a full or empty buffer before it queues as a waiter: a few
    /// microseconds, in which a running partner usually makes room or sends, so that the message goes through
    /// the ring instead of a hand-off that must then wake this task.
    /// </summary>
    internal const int QueuePolls = 32;

    /// <summary>
    /// The pause between two polls: short (about 0.1 microsecond), so that a completion is seen at once
    /// rather than after a long back-off; every 32nd gives the core away instead, in case the thread being
    /// waited for is queued behind this one on it.
    /// </summary>
    internal static void Poll(int round)
    {
        if ((round & 31) == 31)
        {
            Thread.Yield();
        }
        else
        {
            Thread.SpinWait(4);
        }
    }
}
