using System;
using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// The few primitives whose best form differs between .NET and nanoFramework (see Platform.nano.cs), and the
/// one place where the core touches shared words, spins, yields or reads the processor it runs on. Every
/// lock-free step of the ring (SlotRing.cs), every poll of a waiter and every park (Parker) goes through here,
/// so that a controlled scheduler can make each of them a scheduling point by replacing this file alone.
/// </summary>
/// <remarks>
/// Memory order on .NET: <see cref="Read"/> is an acquire load (later loads and stores stay after it),
/// <see cref="Write"/> a release store (earlier loads and stores stay before it); <see cref="CompareExchange"/>
/// and <see cref="Exchange"/> are full fences (x64: a locked instruction; arm64: casal/swpal or an exclusive
/// pair followed by dmb ish). An acquire load may still pass an earlier release store to another word (arm64
/// ldapr after stlr; x64 store buffering): wherever that matters, a full fence is used.
/// </remarks>
internal static class Platform
{
    /// <summary>True where polling briefly before parking can pay off (more than one core).</summary>
    internal static readonly bool CanSpin = Environment.ProcessorCount > 1;

    /// <summary>Acquire load.</summary>
    internal static int Read(ref int location) => Volatile.Read(ref location);

    /// <summary>Release store.</summary>
    internal static void Write(ref int location, int value) => Volatile.Write(ref location, value);

    /// <summary>Compare-and-swap; a full fence. Returns the value found.</summary>
    internal static int CompareExchange(ref int location, int value, int comparand) =>
        Interlocked.CompareExchange(ref location, value, comparand);

    /// <summary>Swap; a full fence. Returns the value found.</summary>
    internal static int Exchange(ref int location, int value) => Interlocked.Exchange(ref location, value);

    internal static long NowMilliseconds() => Environment.TickCount64;

    /// <summary>
    /// The processor the calling thread runs on right now, or -1 where unknown. A hint only (threads move), used to
    /// tell whether a waiting task shares its core with the partner it waits for.
    /// </summary>
    internal static int CurrentProcessor() => Thread.GetCurrentProcessorId();

    /// <summary>
    /// Most polls a blocked task makes (see <see cref="Poll"/>) before it parks: about 50 microseconds, longer
    /// than waking a parked thread usually takes. Each task learns how many of them pay (Waiter.PollBudget).
    /// </summary>
    internal const int MaxPolls = 512;

    /// <summary>
    /// Most polls when the partner runs on the same core: each is a yield, which lets the partner run; a yield
    /// that finds nobody else to run returns at once, so the count is kept small.
    /// </summary>
    internal const int MaxYields = 64;

    /// <summary>Polls a task starts with, before it has learnt anything.</summary>
    internal const int InitialPolls = 128;

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

    /// <summary>Gives the core to another runnable thread, if any.</summary>
    internal static void Yield() => Thread.Yield();

    /// <summary>
    /// One step of waiting for another thread to finish a copy it has already begun (a slot claimed but not
    /// yet published or released): a short pause at first, then yields, so that a partner preempted on this
    /// core gets to finish.
    /// </summary>
    internal static void AwaitPartner(int round)
    {
        if (round < 16)
        {
            Thread.SpinWait(4);
        }
        else
        {
            Thread.Yield();
        }
    }
}
