using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// Direct communication: tasks name each other. <c>Send(from, to, ...)</c> sends to task <c>to</c>;
/// <c>Receive(self, from, ...)</c> receives only what <c>from</c> sent; <see cref="ReceiveAny"/> takes from
/// whichever peer has a message. A link joins exactly one pair of tasks and is bidirectional: each
/// direction is its own bounded buffer, so a receive from one task never takes or reorders another's
/// messages. Links are established on first use or by <see cref="Connect"/>, from a pool reserved by
/// <see cref="IpcLayout.WithLinks"/>; when the pool is used up, establishing one more is an error.
/// </summary>
public sealed class DirectLinks
{
    // Protects establishing links: _count and the entries below it, and each task's inbound list. The
    // lists are published entry first, count second, so the lock-free readers (sends, receives) see only
    // complete entries. Hot paths take no lock here.
    private readonly object _sync = new object();
    private readonly EdgeTask[] _a;
    private readonly EdgeTask[] _b;
    private readonly BoundedBuffer[] _aToB;
    private readonly BoundedBuffer[] _bToA;
    private int _count;

    // Per task id: the sources a receive-from-any waits on. Entry 0 is the task's doorbell, a one-slot
    // overwrite buffer that Connect rings so that a task already waiting re-arms over its new link.
    private readonly BoundedBuffer?[][] _inbound;
    private readonly EdgeTask?[][] _inboundPeer;
    private readonly int[] _inboundCount;
    private readonly byte[] _ring = new byte[1];

    internal DirectLinks(IpcRuntime runtime, int maxLinks, int capacity, int slotSize, int peersPerTask)
    {
        MaxLinks = maxLinks;
        _a = new EdgeTask[maxLinks];
        _b = new EdgeTask[maxLinks];
        _aToB = new BoundedBuffer[maxLinks];
        _bToA = new BoundedBuffer[maxLinks];
        for (int i = 0; i < maxLinks; i++)
        {
            _aToB[i] = new BoundedBuffer("link" + i + ".ab", new SlotStorage(capacity, slotSize), OverflowPolicy.RefuseNewest, runtime);
            _bToA[i] = new BoundedBuffer("link" + i + ".ba", new SlotStorage(capacity, slotSize), OverflowPolicy.RefuseNewest, runtime);
        }

        int tasks = runtime.TaskCount + 1;
        _inbound = new BoundedBuffer?[tasks][];
        _inboundPeer = new EdgeTask?[tasks][];
        _inboundCount = new int[tasks];
        for (int id = 1; id < tasks; id++)
        {
            _inbound[id] = new BoundedBuffer?[1 + peersPerTask];
            _inboundPeer[id] = new EdgeTask?[1 + peersPerTask];
            _inbound[id][0] = new BoundedBuffer("bell" + id, new SlotStorage(1, 1), OverflowPolicy.Overwrite, runtime);
            _inboundCount[id] = 1;
        }
    }

    /// <summary>Bytes <see cref="IpcLayout.WithLinks"/> reserves for this pool and the doorbells.</summary>
    internal static long ReservedBytes(int maxLinks, int capacity, int slotSize, int tasks) =>
        (2L * maxLinks * capacity * (slotSize + BoundedBuffer.HeaderBytes)) + ((long)tasks * BoundedBuffer.ComputeReservedBytes(1, 1));

    /// <summary>How many links the pool holds.</summary>
    public int MaxLinks { get; }

    /// <summary>How many links are established.</summary>
    public int Count => Platform.Read(ref _count);

    /// <summary>
    /// Establishes the link between <paramref name="a"/> and <paramref name="b"/> if it does not exist yet.
    /// </summary>
    /// <remarks>Takes a short lock; does not allocate. Not for interrupt or driver callbacks.</remarks>
    /// <exception cref="System.ArgumentException">The tasks are the same task.</exception>
    /// <exception cref="System.InvalidOperationException">The pool is used up, or a task has as many links as it can wait on.</exception>
    public void Connect(EdgeTask a, EdgeTask b) => Find(a, b, out _);

    /// <summary>
    /// send(P, message): sends to task <paramref name="to"/> over the link between the two tasks. As
    /// <see cref="BoundedBuffer.Send(EdgeTask, byte[], int, int, int, int)"/>.
    /// </summary>
    /// <remarks>May block (unless <paramref name="timeoutMs"/> is 0). Not for interrupt or driver callbacks.</remarks>
    public IpcStatus Send(EdgeTask from, EdgeTask to, byte[] payload, int offset, int count, int tag, int timeoutMs) =>
        Direction(from, to).Send(from, payload, offset, count, tag, timeoutMs);

    /// <summary>
    /// receive(Q, message): receives the next message that task <paramref name="from"/> sent to
    /// <paramref name="self"/>, leaving every other task's messages where they are. As
    /// <see cref="BoundedBuffer.Receive(EdgeTask, byte[], int, out MessageInfo, int)"/>.
    /// </summary>
    /// <remarks>May block (unless <paramref name="timeoutMs"/> is 0). Not for interrupt or driver callbacks.</remarks>
    public IpcStatus Receive(EdgeTask self, EdgeTask from, byte[] destination, int offset, out MessageInfo info, int timeoutMs) =>
        Direction(from, self).Receive(self, destination, offset, out info, timeoutMs);

    /// <summary>
    /// Receives the next message any peer sent to <paramref name="self"/>; <see cref="MessageInfo.Sender"/>
    /// says who. Peers are served in rotation. A link established while the task waits is included at once.
    /// </summary>
    /// <returns><see cref="IpcStatus.Ok"/>, <see cref="IpcStatus.Empty"/> (poll), <see cref="IpcStatus.TimedOut"/>,
    /// or <see cref="IpcStatus.Closed"/>: either a link was closed (see <see cref="Close"/>) and drained, in which
    /// case <see cref="MessageInfo.Sender"/> names the peer and later calls no longer wait on that link, or the
    /// runtime is stopping (<see cref="MessageInfo.Sender"/> is 0).</returns>
    /// <remarks>May block (unless <paramref name="timeoutMs"/> is 0). Not for interrupt or driver callbacks.</remarks>
    /// <exception cref="System.ArgumentException"><paramref name="destination"/> has no room for a full slot.</exception>
    public IpcStatus ReceiveAny(EdgeTask self, byte[] destination, int offset, out MessageInfo info, int timeoutMs)
    {
        _aToB[0].CheckTask(self, "self");
        ThrowHelper.ValidateRange(destination, offset, 0, "destination");
        if (destination.Length - offset < _aToB[0].SlotSize)
        {
            ThrowHelper.ThrowArgument(
                "destination",
                "Destination has room for " + (destination.Length - offset) + " bytes but links carry up to " + _aToB[0].SlotSize + " bytes.");
        }

        ThrowHelper.ValidateTimeout(timeoutMs);
        BoundedBuffer?[] sources = _inbound[self.Id];
        long deadline = timeoutMs > 0 ? Platform.NowMilliseconds() + timeoutMs : 0;
        while (true)
        {
            int remaining = timeoutMs;
            if (timeoutMs > 0)
            {
                long left = deadline - Platform.NowMilliseconds();
                remaining = left > 0 ? (int)left : 0;
            }

            PayloadTarget target = new PayloadTarget(destination, offset);
            IpcStatus status = Selector.ReceiveCore(self, sources, Platform.Read(ref _inboundCount[self.Id]), ref target, out info, out int index, remaining);
            if (status == IpcStatus.Closed && index > 0)
            {
                // Report a closed link once, naming the peer, and stop waiting on it.
                info.Sender = Forget(self, index);
                return status;
            }

            if (index != 0 || status != IpcStatus.Ok)
            {
                // A timed call whose time ran out while it answered the doorbell polled once more.
                return status == IpcStatus.Empty && timeoutMs != 0 ? IpcStatus.TimedOut : status;
            }

            // The doorbell: a new link arrived. Go round again over the longer list.
        }
    }

    /// <summary>
    /// Closes both directions of the link between the two tasks: waiters on either side wake with Closed,
    /// each side may still drain what was sent to it, and later sends are refused. A closed link stays
    /// closed.
    /// </summary>
    /// <remarks>Never blocks for long.</remarks>
    /// <exception cref="System.ArgumentException">The two tasks have no link.</exception>
    public void Close(EdgeTask a, EdgeTask b)
    {
        _aToB[0].CheckTask(a, "a");
        _aToB[0].CheckTask(b, "b");
        int i = Scan(a, b, Platform.Read(ref _count), out _);
        if (i < 0)
        {
            ThrowHelper.ThrowArgument("b", a + " and " + b + " have no link to close.");
        }

        _aToB[i].Close();
        _bToA[i].Close();
    }

    /// <summary>For <see cref="IpcRuntime.Stop"/>: closes every link and doorbell, so no task stays blocked on one.</summary>
    internal void CloseAll()
    {
        for (int i = 0; i < MaxLinks; i++)
        {
            _aToB[i].Close();
            _bToA[i].Close();
        }

        for (int id = 1; id < _inbound.Length; id++)
        {
            _inbound[id][0]!.Close();
        }
    }

    /// <summary>For <see cref="IpcRuntime.Dispose"/>: later link operations throw <see cref="System.ObjectDisposedException"/>.</summary>
    internal void RetireAll()
    {
        for (int i = 0; i < MaxLinks; i++)
        {
            _aToB[i].Retire(disposed: true);
            _bToA[i].Retire(disposed: true);
        }

        for (int id = 1; id < _inbound.Length; id++)
        {
            _inbound[id][0]!.Retire(disposed: true);
        }
    }

    /// <summary>Removes a closed link from <paramref name="self"/>'s receive-any list; returns the peer's id.</summary>
    private int Forget(EdgeTask self, int index)
    {
        Monitor.Enter(_sync);
        try
        {
            // Only this task reads its list lock-free, so moving the last entry into the hole is safe.
            BoundedBuffer?[] sources = _inbound[self.Id];
            EdgeTask?[] peers = _inboundPeer[self.Id];
            int peer = peers[index]!.Id;
            int last = _inboundCount[self.Id] - 1;
            sources[index] = sources[last];
            peers[index] = peers[last];
            sources[last] = null;
            peers[last] = null;
            Platform.Write(ref _inboundCount[self.Id], last);
            return peer;
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    /// <summary>Statistics of the direction from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public BufferStatistics GetStatistics(EdgeTask from, EdgeTask to) => Direction(from, to).GetStatistics();

    private BoundedBuffer Direction(EdgeTask from, EdgeTask to)
    {
        int i = Find(from, to, out bool forward);
        return forward ? _aToB[i] : _bToA[i];
    }

    /// <summary>Finds, or establishes, the link; <paramref name="forward"/> says whether <paramref name="from"/> is its side A.</summary>
    private int Find(EdgeTask from, EdgeTask to, out bool forward)
    {
        _aToB[0].CheckTask(from, "from");
        _aToB[0].CheckTask(to, "to");

        if (from == to)
        {
            ThrowHelper.ThrowArgument("to", "A link joins two different tasks; " + from + " named itself.");
        }

        int found = Scan(from, to, Platform.Read(ref _count), out forward);
        return found >= 0 ? found : Establish(from, to, out forward);
    }

    private int Scan(EdgeTask from, EdgeTask to, int count, out bool forward)
    {
        for (int i = 0; i < count; i++)
        {
            if (_a[i] == from && _b[i] == to)
            {
                forward = true;
                return i;
            }

            if (_a[i] == to && _b[i] == from)
            {
                forward = false;
                return i;
            }
        }

        forward = true;
        return -1;
    }

    private int Establish(EdgeTask from, EdgeTask to, out bool forward)
    {
        int i;
        Monitor.Enter(_sync);
        try
        {
            // Someone may have established it since the lock-free scan.
            i = Scan(from, to, _count, out forward);
            if (i >= 0)
            {
                return i;
            }

            if (_count == MaxLinks)
            {
                ThrowHelper.ThrowInvalidOperation(
                    "Cannot link " + from + " and " + to + ": all " + MaxLinks + " links declared with IpcLayout.WithLinks are in use.");
            }

            CheckRoom(from);
            CheckRoom(to);
            i = _count;
            _a[i] = from;
            _b[i] = to;
            AddInbound(to, _aToB[i], from);
            AddInbound(from, _bToA[i], to);
            Platform.Write(ref _count, i + 1);
            forward = true;
        }
        finally
        {
            Monitor.Exit(_sync);
        }

        // Wake either task if it is waiting in ReceiveAny over its old list.
        _inbound[from.Id][0]!.Post(_ring, 0, 1, 0);
        _inbound[to.Id][0]!.Post(_ring, 0, 1, 0);
        return i;
    }

    private void CheckRoom(EdgeTask task)
    {
        if (_inboundCount[task.Id] == _inbound[task.Id].Length)
        {
            ThrowHelper.ThrowInvalidOperation(
                "Cannot link " + task + " to another task: it already has " + (_inbound[task.Id].Length - 1)
                + " links, as many as it can wait on at once (IpcLayout.MaxSelectSources - 1).");
        }
    }

    private void AddInbound(EdgeTask task, BoundedBuffer buffer, EdgeTask peer)
    {
        int n = _inboundCount[task.Id];
        _inbound[task.Id][n] = buffer;
        _inboundPeer[task.Id][n] = peer;
        Platform.Write(ref _inboundCount[task.Id], n + 1);
    }
}
