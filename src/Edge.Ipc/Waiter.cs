using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// A task's blocking state, reserved with the task so that waiting never allocates (the Go sudog and
/// Zephyr thread-wait ideas). A waiter is linked into one wait queue per source it waits on; whoever
/// completes it first wins a compare-and-swap on <see cref="_state"/>, so a message is handed to exactly one
/// waiter and a waiter gets exactly one message, even when it waits on several sources.
/// </summary>
/// <remarks>
/// State machine: Idle -> Waiting (the task, under the source lock) -> Claimed (a completer, by CAS) ->
/// Completed (the completer, after filling the transfer fields) or Waiting -> Cancelled (the task, by CAS,
/// on timeout). The transfer fields are written only by the one completer that claimed the waiter and read
/// by the task only after it observes Completed.
/// </remarks>
internal sealed class Waiter
{
    internal const int Idle = 0;
    internal const int Waiting = 1;
    internal const int Claimed = 2;
    internal const int Completed = 3;
    internal const int Cancelled = 4;

    private int _state;
    private int _busy;
    private readonly Parker _parker = new Parker();

    internal Waiter(int taskId, int scratchBytes, int nodeCount)
    {
        TaskId = taskId;
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

    /// <summary>Link for a completer's list of waiters to wake once it has left its lock.</summary>
    internal Waiter? NextToWake;

    /// <summary>
    /// Marks the task as inside a blocking operation. A task is one thread of control: two threads blocking
    /// as the same task would corrupt its transfer area, so that misuse throws.
    /// </summary>
    internal void Enter(string taskName)
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
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
    internal bool TryClaim() => Interlocked.CompareExchange(ref _state, Claimed, Waiting) == Waiting;

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
        return this;
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
            Waiter? next = chain.NextToWake;
            chain.NextToWake = null;
            Platform.Write(ref chain._state, Completed);
            chain._parker.Unpark();
            chain = next;
        }
    }

    /// <summary>
    /// Task side: waits until completed or until <paramref name="timeoutMs"/> passes. Returns true when
    /// completed (see <see cref="Result"/>), false when the wait was cancelled by the timeout; the caller
    /// must then unlink its nodes under the sources' locks.
    /// </summary>
    internal bool Wait(int timeoutMs)
    {
        if (Platform.CanSpin)
        {
            for (int i = 0; i < Platform.WaitPolls; i++)
            {
                if (Platform.Read(ref _state) == Completed)
                {
                    return true;
                }

                Platform.Poll(i);
            }
        }

        long deadline = timeoutMs == Timeout.Infinite ? 0 : Platform.NowMilliseconds() + timeoutMs;
        while (Platform.Read(ref _state) != Completed)
        {
            int remaining = Timeout.Infinite;
            if (timeoutMs != Timeout.Infinite)
            {
                long left = deadline - Platform.NowMilliseconds();
                if (left <= 0)
                {
                    if (Interlocked.CompareExchange(ref _state, Cancelled, Waiting) == Waiting)
                    {
                        return false;
                    }

                    // Claimed a moment ago: the completer is filling in the result and will wake us.
                    while (Platform.Read(ref _state) != Completed)
                    {
                        _parker.Park(Timeout.Infinite);
                    }

                    return true;
                }

                remaining = (int)left;
            }

            _parker.Park(remaining);
        }

        return true;
    }

    /// <summary>Back to idle after a finished wait.</summary>
    internal void Reset() => Platform.Write(ref _state, Idle);
}
