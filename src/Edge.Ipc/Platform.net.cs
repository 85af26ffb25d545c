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
/// <para>The controlled-scheduling seam (tests/Edge.Ipc.Systematic): a process whose runtime configuration sets
/// the switch <c>Edge.Ipc.ControlledScheduling</c> runs the core under a systematic-testing scheduler that
/// rewrites this assembly's Monitor, Interlocked, Volatile and Thread.Yield calls into scheduling points. The
/// seam adds what that scheduler cannot see by itself: time (<see cref="NowNanoseconds"/> becomes a virtual
/// clock that moves only when the scheduler lets a timed park expire, see Parker), the processor number (a
/// hint that would make runs unrepeatable, so it is unknown), and the pauses (every poll and every wait for a
/// partner becomes a yield, one scheduling point each, instead of a spin the scheduler would model as a random
/// delay). <see cref="IsControlled"/> is a static readonly field read once at start-up: in every other process
/// it is false and the JIT folds each test of it away, so the shipped build pays nothing.</para>
/// </remarks>
internal static class Platform
{
    /// <summary>True where polling briefly before parking can pay off (more than one core).</summary>
    internal static readonly bool CanSpin = Environment.ProcessorCount > 1;

    /// <summary>True only in a process that runs the core under a controlled scheduler (see the remarks).</summary>
    internal static readonly bool IsControlled =
        AppContext.TryGetSwitch("Edge.Ipc.ControlledScheduling", out bool controlled) && controlled;

    /// <summary>
    /// Under a controlled scheduler: asked once per scheduling step of a timed park whether its timeout expires
    /// now. The test installs the scheduler's own recorded choice, so a seed replays the same expiries.
    /// </summary>
    internal static Func<bool>? ControlledTimeoutExpires;

    // Under a controlled scheduler: the virtual millisecond clock, moved forward only by an expiring timed park.
    private static long s_controlledNow;

    /// <summary>Acquire load.</summary>
    internal static int Read(ref int location) => Volatile.Read(ref location);

    /// <summary>Release store.</summary>
    internal static void Write(ref int location, int value) => Volatile.Write(ref location, value);

    /// <summary>Compare-and-swap; a full fence. Returns the value found.</summary>
    internal static int CompareExchange(ref int location, int value, int comparand) =>
        Interlocked.CompareExchange(ref location, value, comparand);

    /// <summary>Swap; a full fence. Returns the value found.</summary>
    internal static int Exchange(ref int location, int value) => Interlocked.Exchange(ref location, value);

    /// <summary>
    /// The fine monotonic clock that deadlines are on when the runtime's clock is not virtual: Stopwatch ticks in
    /// nanoseconds (<see cref="SystemClock"/>), not <see cref="Environment.TickCount64"/>, which moves in steps of
    /// several milliseconds on Linux. Under a controlled scheduler, the virtual clock.
    /// </summary>
    internal static long NowNanoseconds() =>
        IsControlled ? Volatile.Read(ref s_controlledNow) * 1000000 : SystemClock.Instance.NowNanoseconds;

    /// <summary>The same clock in whole milliseconds.</summary>
    internal static long NowMilliseconds() => NowNanoseconds() / 1000000;

    /// <summary>
    /// Under a controlled scheduler: whether a timed park of <paramref name="timeoutMs"/> expires at this
    /// step; if so, the virtual clock moves forward by that much, so the caller sees its deadline passed.
    /// </summary>
    internal static bool ControlledTimeoutExpired(int timeoutMs)
    {
        Func<bool>? expires = ControlledTimeoutExpires;
        if (expires == null || !expires())
        {
            return false;
        }

        Interlocked.Add(ref s_controlledNow, timeoutMs);
        return true;
    }

    /// <summary>
    /// The processor the calling thread runs on right now, or -1 where unknown. A hint only (threads move), used to
    /// tell whether a waiting task shares its core with the partner it waits for.
    /// </summary>
    internal static int CurrentProcessor() => IsControlled ? -1 : Thread.GetCurrentProcessorId();

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
        if (IsControlled || (round & 31) == 31)
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
        if (round < 16 && !IsControlled)
        {
            Thread.SpinWait(4);
        }
        else
        {
            Thread.Yield();
        }
    }
}
