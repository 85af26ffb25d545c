using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// A task's blocking state, reserved with the task so that waiting never allocates (the Go sudog and
/// Zephyr thread-wait ideas). A waiter is linked into one wait queue per source it waits on; whoever
/// completes it first wins a compare-and-swap on <see cref="_state"/>, so a message is handed to exactly one
/// waiter and a waiter gets exactly one message, even when it waits on several sources.
/// </summary>
/// <remarks>
/// <para>State machine: Idle -> Waiting (the task, under the source lock) -> Claimed (a completer, by CAS) ->
/// Completed (the completer, after filling the transfer fields) or Waiting -> Cancelled (the task, by CAS,
/// on timeout). The transfer fields are written only by the one completer that claimed the waiter and read
/// by the task only after it observes Completed. A completer that claimed a waiter and then found nothing to
/// give it (another receiver took the message first) completes it with <see cref="Retry"/>: the task goes
/// round again.</para>
/// <para>Polling adapts: each task learns how many polls pay before parking (<see cref="PollBudget"/>): a wait
/// answered while polling keeps the budget at least twice what it took, three waits in a row that polled in
/// vain halve it, down to parking at once (with a short probe every few waits, so a partner that speeds up again is
/// noticed). When the partner last ran on this task's processor, polls are yields, which let it run, instead
/// of spins, which would hold the core it needs.</para>
/// </remarks>
internal sealed class Waiter
{
    internal const int Idle = 0;
    internal const int Waiting = 1;
    internal const int Claimed = 2;
    internal const int Completed = 3;
    internal const int Cancelled = 4;

    /// <summary>Internal outcome: the completer had nothing to give after all; the task tries again.</summary>
    internal const IpcStatus Retry = (IpcStatus)(-1);

    private const int MinPolls = 16;
    private const int MissesBeforeCut = 3;
    private const int ProbeEvery = 8;
    private const int ProbePolls = 32;

    private int _state;
    private int _busy;
    private readonly Parker _parker = new Parker();
    private readonly Timing _timing;
    private readonly TimerEntry _timer;

    // Polling policy; written by the task itself, except _partnerCpu, which a completer also writes while it
    // holds the claimed waiter (before publishing Completed, so the task reads it after).
    private int _budget = Platform.InitialPolls;
    private int _misses;
    private int _skipped;
    private bool _sharesCore;
    private int _partnerCpu = -1;

    internal Waiter(int taskId, int scratchBytes, int nodeCount, Timing timing)
    {
        TaskId = taskId;
        _timing = timing;
        _timer = new TimerEntry(this);
        Scratch = new byte[scratchBytes];
        Nodes = new WaitNode[nodeCount];
        for (int i = 0; i < nodeCount; i++)
        {
            Nodes[i] = new WaitNode(this, i);
        }
    }

    internal readonly int TaskId;

    /// <summary>Transfer area for one payload: a blocked sender's message, or a message handed to a blocked receiver.</summary>
    internal readonly byte[] Scratch;

    internal readonly WaitNode[] Nodes;

    /// <summary>Transfer: the header of the message in <see cref="Scratch"/>.</summary>
    internal MessageInfo Info;

    /// <summary>Transfer: a blocked sender that asked to go to the front of the buffer.</summary>
    internal bool Urgent;

    /// <summary>Transfer: the outcome set by the completer.</summary>
    internal IpcStatus Result;

    /// <summary>Transfer: index of the node through which the waiter was completed.</summary>
    internal int CompletedBy;

    /// <summary>Where the task's next multi-source receive starts looking, so no source is starved.</summary>
    internal int SelectCursor;

    /// <summary>For tests: this task parks at once whenever it waits, so that every wait goes through announce and park.</summary>
    internal bool NeverPoll { get; set; }

    /// <summary>Link for a completer's list of waiters to wake once it has left its lock.</summary>
    internal Waiter? NextToWake;

    /// <summary>
    /// Marks the task as inside a blocking operation. A task is one thread of control: two threads blocking
    /// as the same task would corrupt its transfer area, so that misuse throws.
    /// </summary>
    internal void Enter(string taskName)
    {
        if (Platform.CompareExchange(ref _busy, 1, 0) != 0)
        {
            ThrowHelper.ThrowInvalidOperation(
                "Task '" + taskName + "' is already blocked in another operation; each task must be used by one thread at a time.");
        }
    }

    internal void Exit() => Platform.Write(ref _busy, 0);

    /// <summary>Arms the waiter before its nodes are linked; called under the first source's lock.</summary>
    internal void Arm()
    {
        Result = IpcStatus.TimedOut;
        CompletedBy = -1;
        NextToWake = null;
        Platform.Write(ref _state, Waiting);
    }

    /// <summary>Whether the waiter is linked and still waiting (for invariant checks).</summary>
    internal bool IsWaiting => Platform.Read(ref _state) == Waiting;

    /// <summary>Completer side: wins the right to complete this waiter.</summary>
    internal bool TryClaim() => (Faults.Armed && Faults.Active == Fault.ClaimCheckThenSet // Fault.ClaimCheckThenSet: not one CAS
        ? Faults.CheckThenSet(ref _state, Claimed, Waiting) : Platform.CompareExchange(ref _state, Claimed, Waiting)) == Waiting;

    /// <summary>
    /// Completer side, under the source's lock, after a successful <see cref="TryClaim"/>: records the
    /// outcome and links the waiter into the completer's chain. The task stays Claimed, so it cannot move on,
    /// until <see cref="WakeChain"/> publishes the outcome after the lock is released.
    /// </summary>
    /// <returns>The new head of the chain.</returns>
    internal Waiter Complete(IpcStatus result, int completedBy, Waiter? chain)
    {
        Result = result;
        CompletedBy = completedBy;
        NextToWake = chain;
        _partnerCpu = Platform.CurrentProcessor();
        return this;
    }

    /// <summary>
    /// Task side: how many polls to make before parking (or queueing) now, given the processor the partner last
    /// ran on (-1 when unknown); 0 means park at once. Sets how <see cref="PollOnce"/> pauses.
    /// </summary>
    internal int PollBudget(int partnerCpu)
    {
        if (!Platform.CanSpin || NeverPoll)
        {
            return 0;
        }

        if (partnerCpu >= 0)
        {
            _partnerCpu = partnerCpu;
        }

        _sharesCore = _partnerCpu >= 0 && _partnerCpu == Platform.CurrentProcessor();
        int budget = _sharesCore && _budget > Platform.MaxYields ? Platform.MaxYields : _budget;
        if (budget > 0)
        {
            return budget;
        }

        if (++_skipped < ProbeEvery)
        {
            return 0;
        }

        _skipped = 0;
        return ProbePolls;
    }

    /// <summary>One poll's pause: a yield when the partner shares this core, else a short spin.</summary>
    internal void PollOnce(int round)
    {
        if (_sharesCore)
        {
            Platform.Yield();
        }
        else
        {
            Platform.Poll(round);
        }
    }

    /// <summary>Task side: what polling earned. <paramref name="rounds"/> polls were made; <paramref name="answered"/> says whether the wait ended during them.</summary>
    internal void Learn(int rounds, bool answered)
    {
        if (answered)
        {
            _misses = 0;
            int wanted = (2 * rounds) + MinPolls;
            if (wanted > _budget)
            {
                _budget = wanted < Platform.MaxPolls ? wanted : Platform.MaxPolls;
            }
        }
        else if (++_misses >= MissesBeforeCut)
        {
            // Polling failed several waits running: the partner is slow, asleep, or off the core. One miss is
            // not enough; a partner preempted once would otherwise cost every later wait a sleep.
            _misses = 0;
            _budget /= 2;
            if (_budget < MinPolls)
            {
                _budget = 0;
            }
        }
    }

    /// <summary>
    /// Publishes and wakes every waiter of a chain built by <see cref="Complete"/>. Each link is read before
    /// its waiter's outcome is published: once published, the task may return and start another wait that
    /// reuses the link, so a later read could follow someone else's chain and miss a wake-up.
    /// </summary>
    internal static void WakeChain(Waiter? chain)
    {
        while (chain != null)
        {
            if (Faults.Armed && Faults.Active == Fault.WakeChainLinkReadLate)
            {
                // Fault.WakeChainLinkReadLate: publish and wake first, follow the link after.
                Platform.Write(ref chain._state, Completed);
                chain._parker.Unpark();
                chain = chain.NextToWake;
                continue;
            }

            Waiter? next = chain.NextToWake;
            chain.NextToWake = null;
            Platform.Write(ref chain._state, Completed);
            chain._parker.Unpark();
            chain = next;
        }
    }

    /// <summary>
    /// Task side: waits until completed or until <paramref name="deadline"/> (on the runtime's
    /// <see cref="Timing"/>; <see cref="Timing.Never"/> for no timeout) passes. Returns true when completed (see
    /// <see cref="Result"/>), false when the wait was cancelled by the timeout; the caller must then unlink its
    /// nodes under the sources' locks.
    /// </summary>
    internal bool Wait(long deadline)
    {
        int budget = PollBudget(-1);
        for (int i = 0; i < budget; i++)
        {
            if (Platform.Read(ref _state) == Completed)
            {
                Learn(i, answered: true);
                return true;
            }

            PollOnce(i);
        }

        if (budget > 0)
        {
            Learn(budget, answered: false);
        }

        if (deadline != Timing.Never && _timing.Timers != null)
        {
            return WaitOnTimer(_timing.Timers, deadline);
        }

        while (Platform.Read(ref _state) != Completed)
        {
            int remaining = _timing.RemainingMilliseconds(deadline);
            if (remaining == 0)
            {
                if (Faults.Armed && Faults.Active == Fault.CancelCheckThenSet && Faults.CheckThenSet(ref _state, Cancelled, Waiting) == Waiting)
                {
                    return false; // Fault.CancelCheckThenSet: a read, then a write, instead of the CAS below
                }

                if (Platform.CompareExchange(ref _state, Cancelled, Waiting) == Waiting)
                {
                    return false;
                }

                // Claimed a moment ago: the completer is filling in the result and will wake us.
                AwaitCompleted();
                return true;
            }

            _parker.Park(remaining);
        }

        return true;
    }

    /// <summary>
    /// A timed wait on a virtual clock: the deadline is set in the clock's timer list, whose expiry cancels the
    /// wait (<see cref="Expire"/>) exactly when the clock reaches it; until then the task parks without a timeout.
    /// </summary>
    private bool WaitOnTimer(TimerList timers, long deadline)
    {
        if (!timers.Add(_timer, deadline))
        {
            // The clock passed the deadline before the timer was set: time out now, unless claimed meanwhile.
            Expire();
        }

        int state;
        while ((state = Platform.Read(ref _state)) != Completed && state != Cancelled)
        {
            _parker.Park(Timeout.Infinite);
        }

        // After this no expiry can touch the waiter, so it cannot cancel a later wait of this task.
        timers.Remove(_timer);
        return state == Completed;
    }

    /// <summary>
    /// Timer side (under the timer list's lock, or by the task itself): cancels the wait if it is still waiting,
    /// and wakes the task. A waiter already claimed by a completer is left to it.
    /// </summary>
    internal void Expire()
    {
        if (Platform.CompareExchange(ref _state, Cancelled, Waiting) == Waiting)
        {
            _parker.Unpark();
        }
    }

    private void AwaitCompleted()
    {
        while (Platform.Read(ref _state) != Completed)
        {
            _parker.Park(Timeout.Infinite);
        }
    }

    /// <summary>Back to idle after a finished wait.</summary>
    internal void Reset() => Platform.Write(ref _state, Idle);
}
