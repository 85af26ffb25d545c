using System;
using System.Diagnostics;
using System.Threading;

namespace Edge.Ipc.Process;

/// <summary>
/// How long a blocked sender or receiver keeps looking at the ring before it sleeps on the futex, learnt from
/// what looking earned: one per mailbox and direction, as the partner that answers a sender (a consumer) is
/// not the one that answers a receiver.
/// </summary>
/// <remarks>
/// <para>Looking pays when the partner process runs on another core and answers within the budget: no futex
/// call on either side, and on a quiet machine no wait for an idle core to wake up (tens of microseconds on a
/// virtual machine). It does not pay when the partner is asleep or has no core: then the time spun is time the
/// partner, queued behind this process, could have had.</para>
/// <para>So the budget grows to twice what the last answered wait took, and after a few unanswered waits in a
/// row it halves, down to zero. At zero, one wait in <see cref="ProbeEvery"/> looks for a short while, to find
/// out whether a spinning partner came back; one in <see cref="LongProbeEvery"/> looks for the longest budget,
/// longer than a partner's wake-up: when both sides have learnt to sleep, only a wait that outlasts the other's
/// wake-up sees an answer, and one side spinning is what teaches the other that spinning pays again.</para>
/// <para>Looking never yields the core: a yield on a busy machine hands it to an unrelated process for the
/// rest of a time slice (milliseconds). Several threads of a process may share a mailbox, and so this state;
/// their races only blur what is learnt.</para>
/// </remarks>
internal sealed class SpinPolicy
{
    /// <summary>Unanswered waits in a row that halve the budget.</summary>
    internal const int MissesBeforeCut = 3;

    /// <summary>At zero budget, one wait in this many makes a short probe.</summary>
    internal const int ProbeEvery = 8;

    /// <summary>At zero budget, one wait in this many makes a probe of <see cref="MaxTicks"/>.</summary>
    internal const int LongProbeEvery = 1024;

    /// <summary>The longest look: 50 microseconds, in <see cref="Stopwatch"/> ticks.</summary>
    internal static readonly long MaxTicks = Stopwatch.Frequency / 20_000;

    /// <summary>The shortest budget kept: 1 microsecond; below it the budget drops to zero.</summary>
    internal static readonly long MinTicks = Math.Max(1, Stopwatch.Frequency / 1_000_000);

    /// <summary>A short probe: 4 microseconds, several times a round trip between two spinning processes.</summary>
    internal static readonly long ShortProbeTicks = 4 * MinTicks;

    private readonly bool _canSpin;
    private long _budget;
    private int _misses;
    private int _idleWaits;

    /// <summary>A policy for this machine: no looking at all on a single core, where the partner can only answer once this process stops.</summary>
    internal SpinPolicy()
        : this(Environment.ProcessorCount > 1)
    {
    }

    internal SpinPolicy(bool canSpin)
    {
        _canSpin = canSpin;
        _budget = canSpin ? MaxTicks / 4 : 0;
    }

    /// <summary>How long to look before sleeping now, in <see cref="Stopwatch"/> ticks; 0 means sleep at once.</summary>
    internal long Budget()
    {
        if (!_canSpin)
        {
            return 0;
        }

        if (_budget > 0)
        {
            return _budget;
        }

        _idleWaits++;
        if (_idleWaits % LongProbeEvery == 0)
        {
            return MaxTicks;
        }

        return _idleWaits % ProbeEvery == 0 ? ShortProbeTicks : 0;
    }

    /// <summary>The pause between two looks: about 0.1 microsecond, short so that an answer is seen at once.</summary>
    internal static void Pause() => Thread.SpinWait(4);

    /// <summary>What a wait's looking earned: it looked for <paramref name="ticks"/>; <paramref name="answered"/> says whether the wait ended then.</summary>
    internal void Learn(long ticks, bool answered)
    {
        if (answered)
        {
            _misses = 0;
            long wanted = (2 * ticks) + MinTicks;
            if (wanted > _budget)
            {
                _budget = Math.Min(wanted, MaxTicks);
            }
        }
        else if (++_misses >= MissesBeforeCut)
        {
            _misses = 0;
            _budget /= 2;
            if (_budget < MinTicks)
            {
                _budget = 0;
            }
        }
    }
}
