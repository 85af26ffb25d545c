using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// Receives from whichever of several buffers or mailboxes has a message first. The message is claimed
/// atomically: a sender hands it to exactly one waiting selector (a compare-and-swap on the selector's
/// state), so two selectors over the same sources never get the same message, and a selector that wakes
/// always wakes holding its message; nothing is left behind to race for, unlike notify-then-fetch polling.
/// Sources are tried in rotation from just after the one that last delivered, so a busy source cannot
/// starve the others. <see cref="Select"/> mixes send cases with receive cases (Go's select): exactly one
/// case happens, by the same compare-and-swap.
/// </summary>
public static class Selector
{
    /// <summary>
    /// Receives one message from the first ready source in <paramref name="sources"/>.
    /// </summary>
    /// <param name="receiver">The receiving task. It can wait on at most
    /// <see cref="IpcLayout.MaxSelectSources"/> sources at once.</param>
    /// <param name="sources">The sources; null entries are skipped (set a closed source's entry to null to
    /// stop hearing about it). The array is read, never kept; allocate it once.</param>
    /// <param name="destination">Where the payload goes; room for the largest slot among the sources.</param>
    /// <param name="offset">Where in <paramref name="destination"/> the payload starts.</param>
    /// <param name="info">The message header.</param>
    /// <param name="sourceIndex">Index in <paramref name="sources"/> of the source that delivered, or was
    /// found closed; -1 for Empty and TimedOut.</param>
    /// <param name="timeoutMs">0 polls, a positive value waits at most that long, -1 waits forever.</param>
    /// <returns><see cref="IpcStatus.Ok"/>; <see cref="IpcStatus.Closed"/> when the source at
    /// <paramref name="sourceIndex"/> is closed and drained; <see cref="IpcStatus.Empty"/> (poll) or
    /// <see cref="IpcStatus.TimedOut"/> when no source had anything.</returns>
    /// <remarks>May block (unless <paramref name="timeoutMs"/> is 0). Not for interrupt or driver callbacks.
    /// Never allocates. Every source is checked before any is touched, so a misuse throws with nothing taken.
    /// A select that times out counts one timeout in <see cref="BufferStatistics.TimedOut"/> of every source it
    /// waited on (each non-null entry), as a single-source receive counts one in its buffer; a poll that finds
    /// nothing counts nothing.</remarks>
    /// <exception cref="System.ArgumentNullException"><paramref name="receiver"/>, <paramref name="sources"/> or
    /// <paramref name="destination"/> is null.</exception>
    /// <exception cref="System.ArgumentException">Too many sources, every entry null, a destination too small,
    /// or a source of another runtime.</exception>
    /// <exception cref="System.InvalidOperationException"><paramref name="receiver"/> has no right to receive from a source.</exception>
    /// <exception cref="System.ObjectDisposedException">A source is retired (a recycled mailbox's stale port).</exception>
    public static IpcStatus Receive(EdgeTask receiver, BoundedBuffer?[] sources, byte[] destination, int offset, out MessageInfo info, out int sourceIndex, int timeoutMs)
    {
        Validate(receiver, "receiver", sources, "sources", sources == null ? 0 : sources.Length);
        ThrowHelper.ValidateRange(destination, offset, 0, "destination");
        bool any = false;
        for (int i = 0; i < sources!.Length; i++)
        {
            BoundedBuffer? source = sources[i];
            if (source != null)
            {
                any = true;
                source.CheckSelect(receiver, "receiver", send: false);
                CheckRoom(source, destination.Length - offset);
            }
        }

        RefuseNothing(any, "sources");
        ThrowHelper.ValidateTimeout(timeoutMs);
        PayloadTarget target = new PayloadTarget(destination, offset);
        IpcStatus status = ReceiveCore(receiver, sources, sources.Length, ref target, out info, out sourceIndex, timeoutMs);
        if (status == IpcStatus.TimedOut)
        {
            CountTimeouts(sources, null, sources.Length);
        }

        return status;
    }

    /// <summary>
    /// Does exactly one of <paramref name="cases"/>: receives one message from a receive case's buffer, or sends
    /// a send case's message to its buffer, whichever can happen first. The case is claimed atomically, as
    /// <see cref="Receive"/> claims a message: a selecting task whose send case is taken is not also handed a
    /// message, and a receive case that happens leaves every send case unsent. Cases are tried in rotation from
    /// just after the one that last happened, so a case that is always possible cannot starve the others.
    /// </summary>
    /// <param name="task">The selecting task; its id is stamped into what it sends. It can wait on at most
    /// <see cref="IpcLayout.MaxSelectSources"/> cases at once.</param>
    /// <param name="cases">The cases; null entries are skipped (set a closed case's entry to null to stop hearing
    /// about it). The array and its cases are read, never kept; allocate them once.</param>
    /// <param name="destination">Where a received payload goes; room for the largest slot among the receive
    /// cases' buffers. May be null when there is no receive case.</param>
    /// <param name="offset">Where in <paramref name="destination"/> the payload starts.</param>
    /// <param name="info">The header of the message received; all zero unless a receive case happened.</param>
    /// <param name="caseIndex">Index in <paramref name="cases"/> of the case that happened or whose buffer was
    /// found closed (or purged); -1 for Empty and TimedOut.</param>
    /// <param name="timeoutMs">0 polls, a positive value waits at most that long, -1 waits forever.</param>
    /// <returns><see cref="IpcStatus.Ok"/>: the case at <paramref name="caseIndex"/> happened (a message was
    /// received into <paramref name="destination"/>, or the case's message was sent);
    /// <see cref="IpcStatus.Closed"/>: that case's buffer is closed (for a send case, closed at all; for a receive
    /// case, closed and drained); <see cref="IpcStatus.Purged"/>: that send case's buffer was purged while the
    /// select waited, and its message was not sent; <see cref="IpcStatus.Empty"/> (poll) or
    /// <see cref="IpcStatus.TimedOut"/> when no case could happen. Anything but Ok means nothing was sent or
    /// received.</returns>
    /// <remarks>May block (unless <paramref name="timeoutMs"/> is 0). Not for interrupt or driver callbacks.
    /// Never allocates. Every case is checked before any is tried, so a misuse throws with nothing sent or taken.
    /// A select that times out counts one timeout in <see cref="BufferStatistics.TimedOut"/> of every case's
    /// buffer; a poll that finds nothing possible counts nothing (no refusal either: the task keeps its message).
    /// A task never meets itself: with a send and a receive case on one rendezvous, it waits for another task.</remarks>
    /// <exception cref="System.ArgumentNullException"><paramref name="task"/> or <paramref name="cases"/> is null, or
    /// <paramref name="destination"/> is null while a receive case exists.</exception>
    /// <exception cref="System.ArgumentException">Too many cases, every entry null, a destination too small, or a
    /// case's buffer of another runtime.</exception>
    /// <exception cref="System.InvalidOperationException"><paramref name="task"/> has no right to send to a send
    /// case's buffer or to receive from a receive case's.</exception>
    /// <exception cref="System.ObjectDisposedException">A case's buffer is retired (a recycled mailbox's stale port).</exception>
    public static IpcStatus Select(EdgeTask task, SelectCase?[] cases, byte[]? destination, int offset, out MessageInfo info, out int caseIndex, int timeoutMs)
    {
        Validate(task, "task", cases, "cases", cases == null ? 0 : cases.Length);
        bool any = false;
        BoundedBuffer? widest = null;
        for (int i = 0; i < cases!.Length; i++)
        {
            SelectCase? c = cases[i];
            if (c != null)
            {
                any = true;
                c.Buffer.CheckSelect(task, "task", c.IsSend);
                if (!c.IsSend && (widest == null || c.Buffer.SlotSize > widest.SlotSize))
                {
                    widest = c.Buffer;
                }
            }
        }

        RefuseNothing(any, "cases");
        if (widest != null)
        {
            ThrowHelper.ValidateRange(destination!, offset, 0, "destination");
            CheckRoom(widest, destination!.Length - offset);
        }

        ThrowHelper.ValidateTimeout(timeoutMs);
        PayloadTarget target = widest != null ? new PayloadTarget(destination!, offset) : new PayloadTarget(NoDestination, 0);
        IpcStatus status = Core(task, null, cases, cases.Length, ref target, out info, out caseIndex, timeoutMs);
        if (status == IpcStatus.TimedOut)
        {
            CountTimeouts(null, cases, cases.Length);
        }

        return status;
    }

    /// <summary>The target of a select without receive cases.</summary>
    private static readonly byte[] NoDestination = new byte[0];

    private static void Validate(EdgeTask task, string taskName, object? entries, string entriesName, int count)
    {
        if (task == null)
        {
            ThrowHelper.ThrowArgumentNull(taskName);
        }

        if (entries == null)
        {
            ThrowHelper.ThrowArgumentNull(entriesName);
        }

        int limit = task.Waiter.Nodes.Length;
        if (count < 1 || count > limit)
        {
            ThrowHelper.ThrowArgument(
                entriesName,
                "A task waits on 1 to " + limit + " " + entriesName + " at once (IpcLayout.MaxSelectSources); got " + count + ".");
        }
    }

    /// <summary>A select whose entries are all null would wait on nothing, forever, even past a runtime's Stop.</summary>
    private static void RefuseNothing(bool any, string entriesName)
    {
        if (!any)
        {
            ThrowHelper.ThrowArgument(entriesName, "Every entry of '" + entriesName + "' is null: the select would wait on nothing and never return.");
        }
    }

    private static void CheckRoom(BoundedBuffer source, int room)
    {
        if (room < source.SlotSize)
        {
            ThrowHelper.ThrowArgument(
                "destination",
                "Destination has room for " + room + " bytes but messages of '" + source.Name + "' may be up to " + source.SlotSize + " bytes.");
        }
    }

    /// <summary>Counts a timed-out select in every buffer it waited on.</summary>
    private static void CountTimeouts(BoundedBuffer?[]? sources, SelectCase?[]? cases, int count)
    {
        for (int i = 0; i < count; i++)
        {
            BoundedBuffer? buffer = BufferAt(sources, cases, i);
            if (buffer != null)
            {
                buffer.CountTimedOut();
            }
        }
    }

    /// <summary>Entry <paramref name="i"/>'s buffer: of <paramref name="cases"/> when given, else of <paramref name="sources"/>; null to skip.</summary>
    private static BoundedBuffer? BufferAt(BoundedBuffer?[]? sources, SelectCase?[]? cases, int i)
    {
        if (cases == null)
        {
            return sources![i];
        }

        SelectCase? c = cases[i];
        return c == null ? null : c.Buffer;
    }

    /// <summary>Entry <paramref name="i"/> when it is a send case, else null (a receive, or a receive-only select).</summary>
    private static SelectCase? SendAt(SelectCase?[]? cases, int i)
    {
        if (cases == null)
        {
            return null;
        }

        SelectCase? c = cases[i];
        return c != null && c.IsSend ? c : null;
    }

    /// <summary>
    /// Before arming (which takes every buffer's lock and sends their partners to the lock to hand messages over),
    /// polls the cases for a while, as long as polling has paid lately for this task (see Waiter.PollBudget):
    /// true as soon as one looks possible (a message published, room for a send) or a buffer is closed. Not under
    /// any lock; the hints are only hints.
    /// </summary>
    private static bool PollSources(Waiter me, BoundedBuffer?[]? sources, SelectCase?[]? cases, int count)
    {
        int partnerCpu = -1;
        for (int i = 0; i < count && partnerCpu < 0; i++)
        {
            BoundedBuffer? buffer = BufferAt(sources, cases, i);
            partnerCpu = buffer == null ? -1 : buffer.PartnerCpuHint(SendAt(cases, i) != null);
        }

        int budget = me.PollBudget(partnerCpu);
        for (int round = 0; round < budget; round++)
        {
            me.PollOnce(round);
            for (int i = 0; i < count; i++)
            {
                BoundedBuffer? buffer = BufferAt(sources, cases, i);
                if (buffer != null && buffer.ReadyHint(SendAt(cases, i) != null))
                {
                    me.Learn(round + 1, answered: true);
                    return true;
                }
            }
        }

        if (budget > 0)
        {
            me.Learn(budget, answered: false);
        }

        return false;
    }

    /// <summary>The shared body of a receive-only select; <paramref name="count"/> sources from the start of <paramref name="sources"/>.</summary>
    internal static IpcStatus ReceiveCore(EdgeTask receiver, BoundedBuffer?[] sources, int count, ref PayloadTarget target, out MessageInfo info, out int sourceIndex, int timeoutMs) =>
        Core(receiver, sources, null, count, ref target, out info, out sourceIndex, timeoutMs);

    /// <summary>
    /// The shared body: the entries are <paramref name="cases"/> when given (a select with send cases), else the
    /// receive-only <paramref name="sources"/>; <paramref name="count"/> of them from the start.
    /// </summary>
    private static IpcStatus Core(EdgeTask task, BoundedBuffer?[]? sources, SelectCase?[]? cases, int count, ref PayloadTarget target, out MessageInfo info, out int index, int timeoutMs)
    {
        Waiter me = task.Waiter;
        Timing timing = task.Runtime.Timing;
        long deadline = timing.Deadline(timeoutMs);
        while (true)
        {
            // Try every case once, starting after the one that happened last.
            int start = me.SelectCursor < count ? me.SelectCursor : 0;
            for (int k = 0; k < count; k++)
            {
                int i = start + k < count ? start + k : start + k - count;
                BoundedBuffer? buffer = BufferAt(sources, cases, i);
                if (buffer == null)
                {
                    continue;
                }

                SelectCase? send = SendAt(cases, i);
                IpcStatus polled;
                if (send != null)
                {
                    info = default;
                    polled = buffer.TrySelectSend(task, send);
                }
                else
                {
                    polled = buffer.ReceiveCore(task, ref target, out info, 0);
                }

                if (polled != IpcStatus.Empty && polled != IpcStatus.Full)
                {
                    me.SelectCursor = i + 1;
                    index = i;
                    return polled;
                }
            }

            if (timing.RemainingMilliseconds(deadline) == 0)
            {
                info = default;
                index = -1;
                return timeoutMs == 0 ? IpcStatus.Empty : IpcStatus.TimedOut;
            }

            if (PollSources(me, sources, cases, count))
            {
                // Something was published, room was made, or a buffer closed while we polled: try the fast path.
                continue;
            }

            // Arm: link a node into every buffer, in rotation order, unless a case turns out possible meanwhile.
            me.Enter(task.Name);
            me.Arm();
            for (int k = 0; k < count; k++)
            {
                int i = start + k < count ? start + k : start + k - count;
                BoundedBuffer? buffer = BufferAt(sources, cases, i);
                if (buffer != null && buffer.ArmSelect(me.Nodes[i], SendAt(cases, i)))
                {
                    break;
                }
            }

            bool completed = me.Wait(deadline);
            for (int i = 0; i < count; i++)
            {
                WaitNode node = me.Nodes[i];
                BoundedBuffer? armed = node.ArmedIn;
                if (armed != null)
                {
                    armed.Disarm(node);
                }

                // Unlinked now: the node no longer offers a message (a single-source send parks its own in Scratch).
                node.Payload = null;
            }

            IpcStatus status = completed ? me.Result : IpcStatus.TimedOut;
            int by = me.CompletedBy;
            if (status == IpcStatus.Ok && SendAt(cases, by) == null)
            {
                info = me.Info;
                target.CopyFrom(me.Scratch, 0, info.Length);
            }
            else
            {
                info = default;
            }

            me.Reset();
            me.Exit();
            if (status != IpcStatus.Empty && status != Waiter.Retry)
            {
                // Empty means a sender withdrew, or another receiver took the message, just as we claimed it;
                // Retry that a completer found nothing left to hand us, or no room left for our message: either
                // way, go round again.
                me.SelectCursor = by + 1;
                index = completed ? by : -1;
                return status;
            }
        }
    }
}
