using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// Direct communication: tasks name each other. <c>Send(from, to, ...)</c> sends to task <c>to</c>;
/// <c>Receive(self, from, ...)</c> receives only what <c>from</c> sent; <see cref="ReceiveAny"/> takes from
/// whichever peer has a message. A link joins exactly one pair of tasks and is bidirectional: each
/// direction is its own bounded buffer, so a receive from one task never takes or reorders another's
/// messages. Links are established on first use or by <see cref="Connect"/>, from a pool reserved by
/// <see cref="IpcLayout.WithLinks"/>; when the pool is used up, establishing one more is an error. A closed
/// link goes back to the pool once both of its tasks have seen it close (see <see cref="Close"/>).
/// </summary>
public sealed class DirectLinks
{
    // A pool slot is free, holds an open link, or holds a closed one that not both tasks have seen close.
    private const int Free = 0;
    private const int Open = 1;
    private const int Closed = 2;

    // Bits of _released: which side has seen its closed link close.
    private const int SideA = 1;
    private const int SideB = 2;

    // Protects establishing, closing and reclaiming links: every array below but the buffers' contents, and
    // each task's inbound list. The lock-free readers (sends, receives) read a slot's pair and buffers
    // between two reads of its epoch, which is odd while the slot changes, so they never see half a change.
    // The inbound lists are published entry first, count second. Hot paths take no lock here.
    private readonly object _sync = new object();
    private readonly IpcRuntime _runtime;
    private readonly EdgeTask?[] _a;
    private readonly EdgeTask?[] _b;
    private readonly BoundedBuffer[] _aToB;
    private readonly BoundedBuffer[] _bToA;
    private readonly SlotStorage[] _aToBStorage;
    private readonly SlotStorage[] _bToAStorage;
    private readonly int[] _state;
    private readonly int[] _released;
    private readonly int[] _epoch;
    private readonly int _slotSize;
    private readonly int _capacity;
    private int _used;  // slots below this have been used at least once: where the lock-free scan looks
    private int _inUse; // slots not free
    private bool _stopped;
    private int _disposed;

    // Per task id: the sources a receive-from-any waits on. Entry 0 is the task's doorbell, a one-slot
    // overwrite buffer that Connect rings so that a task already waiting re-arms over its new link. Only the
    // task itself removes entries (on its own thread, so never while it is waiting on them).
    private readonly BoundedBuffer?[][] _inbound;
    private readonly EdgeTask?[][] _inboundPeer;
    private readonly int[][] _inboundLink;
    private readonly int[] _inboundCount;
    private readonly int[] _everLinked;
    private readonly byte[] _ring = new byte[1];

    internal DirectLinks(IpcRuntime runtime, int maxLinks, int capacity, int slotSize, int peersPerTask)
    {
        MaxLinks = maxLinks;
        _runtime = runtime;
        _slotSize = slotSize;
        _capacity = capacity;
        _a = new EdgeTask?[maxLinks];
        _b = new EdgeTask?[maxLinks];
        _aToB = new BoundedBuffer[maxLinks];
        _bToA = new BoundedBuffer[maxLinks];
        _aToBStorage = new SlotStorage[maxLinks];
        _bToAStorage = new SlotStorage[maxLinks];
        _state = new int[maxLinks];
        _released = new int[maxLinks];
        _epoch = new int[maxLinks];
        for (int i = 0; i < maxLinks; i++)
        {
            _aToBStorage[i] = new SlotStorage(capacity, slotSize);
            _bToAStorage[i] = new SlotStorage(capacity, slotSize);
            CreateBuffers(i);
        }

        int tasks = runtime.TaskCount + 1;
        _inbound = new BoundedBuffer?[tasks][];
        _inboundPeer = new EdgeTask?[tasks][];
        _inboundLink = new int[tasks][];
        _inboundCount = new int[tasks];
        _everLinked = new int[tasks];
        for (int id = 1; id < tasks; id++)
        {
            _inbound[id] = new BoundedBuffer?[1 + peersPerTask];
            _inboundPeer[id] = new EdgeTask?[1 + peersPerTask];
            _inboundLink[id] = new int[1 + peersPerTask];
            _inbound[id][0] = new BoundedBuffer("bell" + id, new SlotStorage(1, 1), OverflowPolicy.Overwrite, runtime);
            _inboundCount[id] = 1;
        }
    }

    /// <summary>Bytes <see cref="IpcLayout.WithLinks"/> reserves for this pool and the doorbells.</summary>
    internal static long ReservedBytes(int maxLinks, int capacity, int slotSize, int tasks) =>
        (2L * maxLinks * capacity * (slotSize + BoundedBuffer.HeaderBytes)) + ((long)tasks * BoundedBuffer.ComputeReservedBytes(1, 1));

    /// <summary>How many links the pool holds.</summary>
    public int MaxLinks { get; }

    /// <summary>How many links hold a slot of the pool: the open ones, and the closed ones that not both of their tasks have seen close.</summary>
    public int Count => Platform.Read(ref _inUse);

    /// <summary>
    /// Establishes the link between <paramref name="a"/> and <paramref name="b"/> if it does not exist yet.
    /// </summary>
    /// <remarks>Takes a short lock; does not allocate (but for a link made in a slot a closed link gave
    /// back: its two small buffer objects, over the slot memory reserved at build). Not for interrupt or
    /// driver callbacks.</remarks>
    /// <exception cref="System.ArgumentException">The tasks are the same task.</exception>
    /// <exception cref="System.InvalidOperationException">The pool is used up, or a task has as many links as it can wait on.</exception>
    public void Connect(EdgeTask a, EdgeTask b)
    {
        CheckPair(a, b);
        Direction(a, b, create: true, out _);
    }

    /// <summary>
    /// send(P, message): sends to task <paramref name="to"/> over the link between the two tasks, establishing
    /// it on first use. As <see cref="BoundedBuffer.Send(EdgeTask, byte[], int, int, int, int)"/>; every argument
    /// is checked before a link is made.
    /// </summary>
    /// <returns>As a buffer's send; <see cref="IpcStatus.Closed"/> when the link is closed, and then, if nothing
    /// sent to <paramref name="from"/> is left to drain, <paramref name="from"/> has seen the link close.</returns>
    /// <remarks>May block (unless <paramref name="timeoutMs"/> is 0). Not for interrupt or driver callbacks.</remarks>
    /// <exception cref="System.ArgumentException">The payload is larger than the links' slots, or the tasks are the same.</exception>
    public IpcStatus Send(EdgeTask from, EdgeTask to, byte[] payload, int offset, int count, int tag, int timeoutMs)
    {
        CheckPair(from, to);
        ThrowHelper.ValidateRange(payload, offset, count, "payload");
        ThrowHelper.ValidateTimeout(timeoutMs);
        if (count > _slotSize)
        {
            ThrowHelper.ThrowArgument(
                "payload",
                "Payload of " + count + " bytes does not fit the " + _slotSize + "-byte slots of the direct links (IpcLayout.WithLinks).");
        }

        BoundedBuffer direction = Direction(from, to, create: true, out int link)!;
        IpcStatus status = direction.Send(from, payload, offset, count, tag, timeoutMs);
        if (status == IpcStatus.Closed)
        {
            SawClosedSend(from, link);
        }

        return status;
    }

    /// <summary>
    /// receive(Q, message): receives the next message that task <paramref name="from"/> sent to
    /// <paramref name="self"/>, leaving every other task's messages where they are, establishing the link on
    /// first use. As <see cref="BoundedBuffer.Receive(EdgeTask, byte[], int, out MessageInfo, int)"/>; every
    /// argument is checked before a link is made. <see cref="IpcStatus.Closed"/> means the link is closed and
    /// drained, and <paramref name="self"/> has seen it close.
    /// </summary>
    /// <remarks>May block (unless <paramref name="timeoutMs"/> is 0). Not for interrupt or driver callbacks.</remarks>
    /// <exception cref="System.ArgumentException"><paramref name="destination"/> has no room for a full slot, or the tasks are the same.</exception>
    public IpcStatus Receive(EdgeTask self, EdgeTask from, byte[] destination, int offset, out MessageInfo info, int timeoutMs)
    {
        CheckPair(from, self);
        ValidateDestination(destination, offset);
        ThrowHelper.ValidateTimeout(timeoutMs);
        BoundedBuffer direction = Direction(from, self, create: true, out int link)!;
        IpcStatus status = direction.Receive(self, destination, offset, out info, timeoutMs);
        if (status == IpcStatus.Closed)
        {
            MarkSeen(self, link);
        }

        return status;
    }

    /// <summary>
    /// Receives the next message any peer sent to <paramref name="self"/>; <see cref="MessageInfo.Sender"/>
    /// says who. Peers are served in rotation. A link established while the task waits is included at once.
    /// </summary>
    /// <returns><see cref="IpcStatus.Ok"/>, <see cref="IpcStatus.Empty"/> (poll), <see cref="IpcStatus.TimedOut"/>,
    /// or <see cref="IpcStatus.Closed"/>: either a link was closed (see <see cref="Close"/>) and drained, in which
    /// case <see cref="MessageInfo.Sender"/> names the peer and later calls no longer wait on that link; or, at
    /// once and with <see cref="MessageInfo.Sender"/> 0, every link the task has had is closed and reported
    /// (until a task links to it again), or the runtime is stopping. A task that has never had a link waits
    /// for its first.</returns>
    /// <remarks>May block (unless <paramref name="timeoutMs"/> is 0). Not for interrupt or driver callbacks.</remarks>
    /// <exception cref="System.ArgumentException"><paramref name="destination"/> has no room for a full slot.</exception>
    public IpcStatus ReceiveAny(EdgeTask self, byte[] destination, int offset, out MessageInfo info, int timeoutMs)
    {
        CheckTask(self, "self");
        ValidateDestination(destination, offset);
        ThrowHelper.ValidateTimeout(timeoutMs);
        BoundedBuffer?[] sources = _inbound[self.Id];
        Timing timing = self.Runtime.Timing;
        long deadline = timing.Deadline(timeoutMs);
        while (true)
        {
            int count = Platform.Read(ref _inboundCount[self.Id]);
            if (count == 1 && Platform.Read(ref _everLinked[self.Id]) != 0)
            {
                // Every link the task had is closed and was reported: nothing can arrive until a new link.
                // After disposal this throws, as waiting on the doorbell would.
                if (Platform.Read(ref _disposed) != 0)
                {
                    ThrowHelper.ThrowObjectDisposed("'" + sources[0]!.Name + "' belongs to a disposed runtime.");
                }

                info = default;
                return IpcStatus.Closed;
            }

            int remaining = timeoutMs == 0 ? 0 : timing.RemainingMilliseconds(deadline);

            PayloadTarget target = new PayloadTarget(destination, offset);
            IpcStatus status = Selector.ReceiveCore(self, sources, count, ref target, out info, out int index, remaining);
            if (status == IpcStatus.Closed && index > 0)
            {
                // Report a closed link once, naming the peer, and stop waiting on it.
                info.Sender = _inboundPeer[self.Id][index]!.Id;
                MarkSeen(self, _inboundLink[self.Id][index]);
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
    /// each side may still drain what was sent to it, and later sends are refused. Closing a closed link does
    /// nothing. The link keeps its slot until both tasks have seen it close, each by an operation on it that
    /// returned <see cref="IpcStatus.Closed"/> with nothing left for it to drain: a receive from the peer,
    /// <see cref="ReceiveAny"/> naming the peer, or a send to the peer. Then the slot goes back to the pool,
    /// and the next use of the pair (or of any pair) makes a new link.
    /// </summary>
    /// <remarks>Never blocks for long.</remarks>
    /// <exception cref="System.ArgumentException">The two tasks have no link.</exception>
    public void Close(EdgeTask a, EdgeTask b)
    {
        CheckTask(a, "a");
        CheckTask(b, "b");
        Monitor.Enter(_sync);
        try
        {
            int i = ScanLocked(a, b, out _);
            if (i < 0)
            {
                ThrowHelper.ThrowArgument("b", a + " and " + b + " have no link to close.");
            }

            if (_state[i] == Open)
            {
                _state[i] = Closed;
                _aToB[i].Close();
                _bToA[i].Close();
            }
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    /// <summary>For <see cref="IpcRuntime.Stop"/>: closes every link and doorbell, so no task stays blocked on one; no slot is reclaimed after.</summary>
    internal void CloseAll()
    {
        Monitor.Enter(_sync);
        try
        {
            _stopped = true;
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
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    /// <summary>For <see cref="IpcRuntime.Dispose"/>: later link operations throw <see cref="System.ObjectDisposedException"/>.</summary>
    internal void RetireAll()
    {
        Monitor.Enter(_sync);
        try
        {
            Platform.Write(ref _disposed, 1);
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
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    /// <summary>
    /// Statistics of the direction from <paramref name="from"/> to <paramref name="to"/>. When the two tasks
    /// have no link, all zeros but <see cref="BufferStatistics.Capacity"/> (a link's capacity): no link is made.
    /// </summary>
    /// <remarks>Never blocks for long; does not allocate.</remarks>
    public BufferStatistics GetStatistics(EdgeTask from, EdgeTask to)
    {
        CheckPair(from, to);
        BoundedBuffer? direction = Direction(from, to, create: false, out _);
        if (direction == null)
        {
            BufferStatistics none = default;
            none.Capacity = _capacity;
            return none;
        }

        return direction.GetStatistics();
    }

    // Any of the pool's buffers will do: all belong to this runtime, replaced or not.
    private void CheckTask(EdgeTask task, string paramName) => _aToB[0].CheckTask(task, paramName);

    private void CheckPair(EdgeTask from, EdgeTask to)
    {
        CheckTask(from, "from");
        CheckTask(to, "to");
        if (from == to)
        {
            ThrowHelper.ThrowArgument("to", "A link joins two different tasks; " + from + " named itself.");
        }
    }

    private void ValidateDestination(byte[] destination, int offset)
    {
        ThrowHelper.ValidateRange(destination, offset, 0, "destination");
        if (destination.Length - offset < _slotSize)
        {
            ThrowHelper.ThrowArgument(
                "destination",
                "Destination has room for " + (destination.Length - offset) + " bytes but links carry up to " + _slotSize + " bytes.");
        }
    }

    /// <summary>
    /// The buffer from <paramref name="from"/> to <paramref name="to"/> and its link's slot; when they have no
    /// link, establishes one if <paramref name="create"/>, else returns null.
    /// </summary>
    private BoundedBuffer? Direction(EdgeTask from, EdgeTask to, bool create, out int link)
    {
        BoundedBuffer? buffer = ScanLockFree(from, to, out link);
        if (buffer != null)
        {
            return buffer;
        }

        bool established = false;
        Monitor.Enter(_sync);
        try
        {
            link = ScanLocked(from, to, out bool forward);
            if (link < 0 || (Faults.Armed && Faults.Active == Fault.LinkNoRescanUnderLock)) // Fault.LinkNoRescanUnderLock: its finding ignored
            {
                if (!create)
                {
                    return null;
                }

                link = Establish(from, to);
                established = true;
                forward = true;
            }

            buffer = forward ? _aToB[link] : _bToA[link];
        }
        finally
        {
            Monitor.Exit(_sync);
        }

        if (established)
        {
            // Wake either task if it is waiting in ReceiveAny over its old list.
            _inbound[from.Id][0]!.Post(_ring, 0, 1, 0);
            _inbound[to.Id][0]!.Post(_ring, 0, 1, 0);
        }

        return buffer;
    }

    /// <summary>
    /// Without the lock: the direction's buffer when a slot holds the pair and did not change while it was
    /// read; null when no slot does, or one was changing (then the caller looks again under the lock).
    /// </summary>
    private BoundedBuffer? ScanLockFree(EdgeTask from, EdgeTask to, out int link)
    {
        int used = Platform.Read(ref _used);
        for (int i = 0; i < used; i++)
        {
            int epoch = Platform.Read(ref _epoch[i]);
            EdgeTask? a = _a[i];
            EdgeTask? b = _b[i];
            bool forward = a == from && b == to;
            if (forward || (a == to && b == from))
            {
                BoundedBuffer buffer = forward ? _aToB[i] : _bToA[i];

                // Full fence: the pair and the buffer are read before the epoch is read again.
                RegionBarrier.Full();
                link = i;
                return (epoch & 1) == 0 && Platform.Read(ref _epoch[i]) == epoch ? buffer : null;
            }
        }

        link = -1;
        return null;
    }

    /// <summary>Under the lock: the slot holding the pair, or -1; <paramref name="forward"/> says whether <paramref name="from"/> is its side A.</summary>
    private int ScanLocked(EdgeTask from, EdgeTask to, out bool forward)
    {
        for (int i = 0; i < _used; i++)
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

    /// <summary>Under the lock: makes the link in a free slot, <paramref name="from"/> as its side A.</summary>
    private int Establish(EdgeTask from, EdgeTask to)
    {
        if (_inUse == MaxLinks)
        {
            ThrowHelper.ThrowInvalidOperation(
                "Cannot link " + from + " and " + to + ": all " + MaxLinks + " links declared with IpcLayout.WithLinks are in use"
                + " (a closed link returns to the pool once both of its tasks have seen it close).");
        }

        CheckRoom(from);
        CheckRoom(to);
        int i = 0;
        while (i < _used && _state[i] != Free)
        {
            i++;
        }

        Platform.Exchange(ref _epoch[i], _epoch[i] + 1);
        _a[i] = from;
        _b[i] = to;
        _state[i] = Open;
        Platform.Write(ref _epoch[i], _epoch[i] + 1);
        AddInbound(to, i, _aToB[i], from);
        AddInbound(from, i, _bToA[i], to);
        if (i == _used)
        {
            Platform.Write(ref _used, i + 1);
        }

        Platform.Write(ref _inUse, _inUse + 1);
        return i;
    }

    /// <summary>A send over <paramref name="link"/> returned Closed: the sender has seen it close if nothing sent to it is left.</summary>
    private void SawClosedSend(EdgeTask from, int link)
    {
        BoundedBuffer inbound = _a[link] == from ? _bToA[link] : _aToB[link];
        if (inbound.GetStatistics().Depth == 0)
        {
            MarkSeen(from, link);
        }
    }

    /// <summary>Takes the lock for <see cref="SawClose"/>.</summary>
    private void MarkSeen(EdgeTask self, int link)
    {
        Monitor.Enter(_sync);
        try
        {
            SawClose(self, link);
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    /// <summary>
    /// Under the lock, on <paramref name="self"/>'s own thread: <paramref name="self"/> has seen the link in
    /// <paramref name="link"/> close (or the runtime stop) and drained it. Drops it from the task's
    /// receive-any list; once both tasks of a closed link have seen it close, gives its slot back.
    /// </summary>
    private void SawClose(EdgeTask self, int link)
    {
        int n = _inboundCount[self.Id] - 1;
        while (n > 0 && _inboundLink[self.Id][n] != link)
        {
            n--;
        }

        if (n > 0)
        {
            RemoveInbound(self, n);
        }

        if (_state[link] != Closed || _stopped)
        {
            return;
        }

        _released[link] |= _a[link] == self ? SideA : SideB;
        if (_released[link] == (SideA | SideB))
        {
            Reclaim(link);
        }
    }

    /// <summary>
    /// Under the lock: frees a closed slot that both tasks have drained. Its buffers are retired (so a
    /// stale caller can never touch the slots again) and replaced by fresh ones over the same reserved slot
    /// memory, since a closed buffer never opens again.
    /// </summary>
    private void Reclaim(int link)
    {
        Platform.Exchange(ref _epoch[link], _epoch[link] + 1);
        _aToB[link].Retire();
        _bToA[link].Retire();
        CreateBuffers(link);
        _a[link] = null;
        _b[link] = null;
        _state[link] = Free;
        _released[link] = 0;
        Platform.Write(ref _epoch[link], _epoch[link] + 1);
        Platform.Write(ref _inUse, _inUse - 1);
    }

    private void CreateBuffers(int link)
    {
        _aToB[link] = new BoundedBuffer("link" + link + ".ab", _aToBStorage[link], OverflowPolicy.RefuseNewest, _runtime);
        _bToA[link] = new BoundedBuffer("link" + link + ".ba", _bToAStorage[link], OverflowPolicy.RefuseNewest, _runtime);
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

    private void AddInbound(EdgeTask task, int link, BoundedBuffer buffer, EdgeTask peer)
    {
        int n = _inboundCount[task.Id];
        _inbound[task.Id][n] = buffer;
        _inboundPeer[task.Id][n] = peer;
        _inboundLink[task.Id][n] = link;
        Platform.Write(ref _inboundCount[task.Id], n + 1);
        Platform.Write(ref _everLinked[task.Id], 1);
    }

    /// <summary>Under the lock, on the task's own thread (only it reads its list lock-free): moves the last entry into the hole.</summary>
    private void RemoveInbound(EdgeTask task, int index)
    {
        BoundedBuffer?[] sources = _inbound[task.Id];
        EdgeTask?[] peers = _inboundPeer[task.Id];
        int last = _inboundCount[task.Id] - 1;
        sources[index] = sources[last];
        peers[index] = peers[last];
        _inboundLink[task.Id][index] = _inboundLink[task.Id][last];
        sources[last] = null;
        peers[last] = null;
        Platform.Write(ref _inboundCount[task.Id], last);
    }
}
