using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// Receives from whichever of several buffers or mailboxes has a message first. The message is claimed
/// atomically: a sender hands it to exactly one waiting selector (a compare-and-swap on the selector's
/// state), so two selectors over the same sources never get the same message, and a selector that wakes
/// always wakes holding its message; nothing is left behind to race for, unlike notify-then-fetch polling.
/// Sources are tried in rotation from just after the one that last delivered, so a busy source cannot
/// starve the others.
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
            for (int i = 0; i < sources.Length; i++)
            {
                BoundedBuffer? source = sources[i];
                if (source != null)
                {
                    source.CountTimedOut();
                }
            }
        }

        return status;
    }

    private static void Validate(EdgeTask task, string taskName, object?[] entries, string entriesName, int count)
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
                "A task waits on 1 to " + limit + " sources at once (IpcLayout.MaxSelectSources); got " + count + ".");
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

    /// <summary>
    /// Before arming (which takes every source's lock and sends their producers to the lock to hand messages over),
    /// polls the sources for a while, as long as polling has paid lately for this task (see Waiter.PollBudget):
    /// true as soon as one has a message published or is closed. Not under any lock; the hints are only hints.
    /// </summary>
    private static bool PollSources(Waiter me, BoundedBuffer?[] sources, int count)
    {
        int partnerCpu = -1;
        for (int i = 0; i < count && partnerCpu < 0; i++)
        {
            BoundedBuffer? source = sources[i];
            partnerCpu = source == null ? -1 : source.ProducerCpuHint;
        }

        int budget = me.PollBudget(partnerCpu);
        for (int round = 0; round < budget; round++)
        {
            me.PollOnce(round);
            for (int i = 0; i < count; i++)
            {
                BoundedBuffer? source = sources[i];
                if (source != null && source.ReadyHint())
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

    /// <summary>The shared body; <paramref name="count"/> sources from the start of <paramref name="sources"/>.</summary>
    internal static IpcStatus ReceiveCore(EdgeTask receiver, BoundedBuffer?[] sources, int count, ref PayloadTarget target, out MessageInfo info, out int sourceIndex, int timeoutMs)
    {
        Waiter me = receiver.Waiter;
        long deadline = timeoutMs > 0 ? Platform.NowMilliseconds() + timeoutMs : 0;
        while (true)
        {
            // Poll every source once, starting after the one that delivered last.
            int start = me.SelectCursor < count ? me.SelectCursor : 0;
            for (int k = 0; k < count; k++)
            {
                int i = start + k < count ? start + k : start + k - count;
                BoundedBuffer? source = sources[i];
                if (source == null)
                {
                    continue;
                }

                IpcStatus polled = source.ReceiveCore(receiver, ref target, out info, 0);
                if (polled != IpcStatus.Empty)
                {
                    me.SelectCursor = i + 1;
                    sourceIndex = i;
                    return polled;
                }
            }

            int remaining = timeoutMs;
            if (timeoutMs > 0)
            {
                long left = deadline - Platform.NowMilliseconds();
                remaining = left > 0 ? (int)left : 0;
            }

            if (remaining == 0)
            {
                info = default;
                sourceIndex = -1;
                return timeoutMs == 0 ? IpcStatus.Empty : IpcStatus.TimedOut;
            }

            if (PollSources(me, sources, count))
            {
                // Something was published (or a source closed) while we polled: take it on the fast path.
                continue;
            }

            // Arm: link a node into every source, in rotation order, unless one turns out ready meanwhile.
            me.Enter(receiver.Name);
            me.Arm();
            for (int k = 0; k < count; k++)
            {
                int i = start + k < count ? start + k : start + k - count;
                BoundedBuffer? source = sources[i];
                if (source != null && source.ArmSelect(me.Nodes[i]))
                {
                    break;
                }
            }

            bool completed = me.Wait(remaining);
            for (int i = 0; i < count; i++)
            {
                BoundedBuffer? armed = me.Nodes[i].ArmedIn;
                if (armed != null)
                {
                    armed.Disarm(me.Nodes[i]);
                }
            }

            IpcStatus status = completed ? me.Result : IpcStatus.TimedOut;
            int by = me.CompletedBy;
            if (status == IpcStatus.Ok)
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
                // Retry that a completer found nothing left to hand us: either way, go round again.
                me.SelectCursor = by + 1;
                sourceIndex = completed ? by : -1;
                return status;
            }
        }
    }
}
