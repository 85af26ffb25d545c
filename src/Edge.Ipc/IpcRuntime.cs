using System;
using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// A built <see cref="IpcLayout"/>: the tasks, buffers and mailboxes, with all their memory reserved. It
/// starts and stops the tasks that have bodies and keeps the registry of mailbox ports and names.
/// </summary>
public sealed class IpcRuntime : IDisposable
{
    private readonly EdgeTask[] _tasks;
    private readonly BoundedBuffer[] _buffers;

    // The port registry: fixed size, one entry per declared mailbox. Guarded by _registryLock, which only
    // recycling writes under; readers take it too, so they never see a half-replaced entry.
    private readonly object _registryLock = new object();
    private readonly Mailbox[] _mailboxes;
    private readonly SlotStorage[] _mailboxStorage;
    private readonly Declaration[] _mailboxDeclarations;

    // The last runtime id issued in this process; ids start at 1, so a PortId's 0 means "no runtime".
    private static int s_lastId;

    private int _state; // 0 built, 1 started, 2 stopped
    private int _disposed;

    internal IpcRuntime(IpcLayout layout, IClock clock)
    {
        Id = Interlocked.Increment(ref s_lastId);
        Clock = clock;
        Timing = new Timing(clock);
        int scratch = layout.LargestSlot;
        int taskSlots = layout.Tasks.Count + 1; // ids start at 1; 0 is "interrupt or driver"

        _tasks = new EdgeTask[layout.Tasks.Count];
        for (int i = 0; i < _tasks.Length; i++)
        {
            Declaration d = (Declaration)layout.Tasks[i]!;
            _tasks[i] = new EdgeTask(this, i + 1, d.Name, d.Entry, scratch, layout.MaxSelectSources);
            ReservedBytes += scratch;
        }

        _buffers = new BoundedBuffer[layout.Buffers.Count];
        for (int i = 0; i < _buffers.Length; i++)
        {
            Declaration d = (Declaration)layout.Buffers[i]!;
            SlotStorage storage = new SlotStorage(d.Capacity, d.SlotSize);
            ReservedBytes += storage.Bytes;
            _buffers[i] = new BoundedBuffer(d.Name, storage, d.Overflow, this, d.UnboundedCeiling);
        }

        _mailboxes = new Mailbox[layout.Mailboxes.Count];
        _mailboxStorage = new SlotStorage[_mailboxes.Length];
        _mailboxDeclarations = new Declaration[_mailboxes.Length];
        for (int i = 0; i < _mailboxes.Length; i++)
        {
            Declaration d = (Declaration)layout.Mailboxes[i]!;
            _mailboxDeclarations[i] = d;
            _mailboxStorage[i] = new SlotStorage(d.Capacity, d.SlotSize);
            ReservedBytes += _mailboxStorage[i].Bytes;
            _mailboxes[i] = CreateMailbox(i, 1, taskSlots);
        }

        _regions = new SharedRegion[layout.Regions.Count];
        for (int i = 0; i < _regions.Length; i++)
        {
            Declaration d = (Declaration)layout.Regions[i]!;
            _regions[i] = new SharedRegion(d.Name, d.SlotSize, this);
            ReservedBytes += _regions[i].ReservedBytes;
        }

        if (layout.MaxLinks > 0)
        {
            _links = new DirectLinks(this, layout.MaxLinks, layout.LinkCapacity, layout.LinkSlotSize, layout.MaxSelectSources - 1);
            ReservedBytes += (int)DirectLinks.ReservedBytes(layout.MaxLinks, layout.LinkCapacity, layout.LinkSlotSize, _tasks.Length);
        }
    }

    private readonly DirectLinks? _links;
    private readonly SharedRegion[] _regions;

    /// <summary>The shared region declared as <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No shared region has that name.</exception>
    public SharedRegion GetSharedRegion(string name)
    {
        for (int i = 0; i < _regions.Length; i++)
        {
            if (_regions[i].Name == name)
            {
                return _regions[i];
            }
        }

        ThrowHelper.ThrowArgument("name", "No shared region named '" + name + "' is declared.");
        return null!;
    }

    /// <summary>Direct communication between named tasks, from the pool declared with <see cref="IpcLayout.WithLinks"/>.</summary>
    /// <exception cref="InvalidOperationException">The layout declared no links.</exception>
    public DirectLinks Links
    {
        get
        {
            if (_links == null)
            {
                ThrowHelper.ThrowInvalidOperation("This runtime has no link storage; declare it with IpcLayout.WithLinks(maxLinks, capacity, slotSize).");
            }

            return _links!;
        }
    }

    /// <summary>
    /// This runtime's id, unique in the process (the first runtime built is 1): every <see cref="PortId"/> it
    /// issues carries it, so a port of another runtime is refused instead of opening a mailbox here.
    /// </summary>
    public int Id { get; }

    /// <summary>The clock stamped into messages. When it is a virtual <see cref="ITimerClock"/>, it also decides when timed operations time out.</summary>
    public IClock Clock { get; }

    /// <summary>The deadlines of this runtime's timed operations.</summary>
    internal Timing Timing { get; }

    /// <summary>Bytes of slot storage and transfer areas reserved at build; equals the layout's <see cref="IpcLayout.RequiredBytes"/>.</summary>
    public int ReservedBytes { get; }

    /// <summary>Number of tasks; their ids run from 1 to this number.</summary>
    public int TaskCount => _tasks.Length;

    /// <summary>The task with id <paramref name="id"/> (1 to <see cref="TaskCount"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No task has that id.</exception>
    public EdgeTask GetTask(int id)
    {
        if (id < 1 || id > _tasks.Length)
        {
            ThrowHelper.ThrowArgumentOutOfRange("id", "Task ids run from 1 to " + _tasks.Length + "; got " + id + ".");
        }

        return _tasks[id - 1];
    }

    /// <summary>The task declared as <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No task has that name.</exception>
    public EdgeTask GetTask(string name)
    {
        for (int i = 0; i < _tasks.Length; i++)
        {
            if (_tasks[i].Name == name)
            {
                return _tasks[i];
            }
        }

        ThrowHelper.ThrowArgument("name", "No task named '" + name + "' is declared.");
        return null!;
    }

    /// <summary>The bounded buffer declared as <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No buffer has that name.</exception>
    public BoundedBuffer GetBuffer(string name)
    {
        for (int i = 0; i < _buffers.Length; i++)
        {
            if (_buffers[i].Name == name)
            {
                return _buffers[i];
            }
        }

        ThrowHelper.ThrowArgument("name", "No buffer named '" + name + "' is declared.");
        return null!;
    }

    /// <summary>Looks a mailbox's current port up by name; false when no mailbox has that name.</summary>
    /// <remarks>Does not block for long; does not allocate.</remarks>
    public bool TryLookup(string name, out PortId port)
    {
        Monitor.Enter(_registryLock);
        try
        {
            for (int i = 0; i < _mailboxes.Length; i++)
            {
                if (_mailboxes[i].Name == name)
                {
                    port = _mailboxes[i].Port;
                    return true;
                }
            }
        }
        finally
        {
            Monitor.Exit(_registryLock);
        }

        port = PortId.None;
        return false;
    }

    /// <summary>The current port of the mailbox named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No mailbox has that name.</exception>
    public PortId Lookup(string name)
    {
        if (!TryLookup(name, out PortId port))
        {
            ThrowHelper.ThrowArgument("name", "No mailbox named '" + name + "' is registered.");
        }

        return port;
    }

    /// <summary>The mailbox named <paramref name="name"/> (its current generation).</summary>
    /// <exception cref="ArgumentException">No mailbox has that name.</exception>
    public Mailbox GetMailbox(string name) => Open(Lookup(name));

    /// <summary>
    /// The mailbox behind <paramref name="port"/>. A port from before the mailbox was recycled is stale and
    /// refused: it never reaches the mailbox that now uses the same slot. A port of another runtime is
    /// refused too: it never opens the mailbox this runtime keeps at the same index.
    /// </summary>
    /// <remarks>Takes the registry's short lock; does not allocate but for the exception.</remarks>
    /// <exception cref="ArgumentException"><paramref name="port"/> is <see cref="PortId.None"/>, from another
    /// runtime, was never issued by this runtime, or is stale (its mailbox was recycled).</exception>
    public Mailbox Open(PortId port)
    {
        return Resolve(port, throwStale: true)!;
    }

    /// <summary>
    /// Opens the mailbox behind <paramref name="port"/> if the port is still current: false, with
    /// <paramref name="mailbox"/> null, when the port is <see cref="PortId.None"/> or stale (the mailbox was
    /// recycled since the port was looked up), so that a service that went away is an expected outcome.
    /// </summary>
    /// <remarks>
    /// A port this runtime never issued (another runtime's, or an index or generation it never had) still
    /// throws: that is a programming error or a corrupted id, not a service that went away. Takes the
    /// registry's short lock; does not allocate.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="port"/> is from another runtime or was never issued by this one.</exception>
    public bool TryOpen(PortId port, out Mailbox? mailbox)
    {
        mailbox = Resolve(port, throwStale: false);
        return mailbox != null;
    }

    /// <summary>
    /// The current mailbox behind <paramref name="port"/>; misuse throws, and a stale port or
    /// <see cref="PortId.None"/> throws only when <paramref name="throwStale"/> (otherwise null).
    /// </summary>
    private Mailbox? Resolve(PortId port, bool throwStale)
    {
        if (port == PortId.None)
        {
            if (throwStale)
            {
                ThrowHelper.ThrowArgument("port", "PortId.None names no mailbox.");
            }

            return null;
        }

        if (port.Runtime != Id)
        {
            ThrowHelper.ThrowArgument(
                "port",
                port + " was issued by runtime " + port.Runtime + ", not by this runtime " + Id + "; a port opens mailboxes of its own runtime only.");
        }

        int index = port.Index;
        if (index >= _mailboxes.Length)
        {
            ThrowHelper.ThrowArgument(
                "port",
                port + " was never issued: runtime " + Id
                + (_mailboxes.Length == 0 ? " has no mailboxes." : " has ports 0 to " + (_mailboxes.Length - 1) + "."));
        }

        Mailbox current;
        Monitor.Enter(_registryLock);
        try
        {
            current = _mailboxes[index];
        }
        finally
        {
            Monitor.Exit(_registryLock);
        }

        int generation = current.Port.Generation;
        if (port.Generation == 0 || port.Generation > generation)
        {
            ThrowHelper.ThrowArgument(
                "port",
                port + " was never issued: mailbox '" + current.Name + "' at index " + index + " has had generations 1 to " + generation + ".");
        }

        if (port.Generation < generation)
        {
            if (throwStale)
            {
                ThrowHelper.ThrowArgument(
                    "port",
                    port + " is stale: mailbox '" + current.Name + "' has been recycled and is now " + current.Port + ".");
            }

            return null;
        }

        return current;
    }

    /// <summary>
    /// Recycles a mailbox: the old one is closed (its waiters wake with <see cref="IpcStatus.Closed"/>), what it
    /// held is dropped and counted, and its port goes stale; a fresh mailbox with the same name, size and
    /// options takes over the same reserved memory under a new generation. Nothing is allocated but the
    /// small mailbox object.
    /// </summary>
    /// <returns>The new port.</returns>
    /// <exception cref="ArgumentException">As <see cref="Open"/>: <paramref name="port"/> is stale, names no mailbox, or is from another runtime.</exception>
    /// <exception cref="InvalidOperationException">The slot has used up its generations.</exception>
    public PortId Recycle(PortId port)
    {
        Mailbox old = Open(port);
        if (port.Generation == PortId.MaxGeneration)
        {
            ThrowHelper.ThrowInvalidOperation(old + " has used all " + PortId.MaxGeneration + " generations and cannot be recycled again.");
        }

        Monitor.Enter(_registryLock);
        try
        {
            // Stop closes under this lock too, so a recycle cannot slip a fresh open mailbox past it.
            if (Platform.Read(ref _state) == 2)
            {
                ThrowHelper.ThrowInvalidOperation("Cannot recycle " + old + ": the runtime is stopped.");
            }

            if (_mailboxes[port.Index] != old)
            {
                ThrowHelper.ThrowArgument(
                    "port",
                    port + " is stale: another task recycled mailbox '" + old.Name + "' just now, and it is now " + _mailboxes[port.Index].Port + ".");
            }

            old.Retire();
            Mailbox fresh = CreateMailbox(port.Index, port.Generation + 1, _tasks.Length + 1);
            _mailboxes[port.Index] = fresh;
            return fresh.Port;
        }
        finally
        {
            Monitor.Exit(_registryLock);
        }
    }

    private Mailbox CreateMailbox(int index, int generation, int taskSlots)
    {
        Declaration d = _mailboxDeclarations[index];
        EdgeTask? owner = d.Owner == null ? null : GetTask(d.Owner);
        return new Mailbox(d.Name, new PortId(Id, index, generation), owner, d.ReceiveMode, _mailboxStorage[index], d.Overflow, this, taskSlots, d.PriorityLevels);
    }

    /// <summary>Starts a thread for every task declared with a body. Call once.</summary>
    /// <exception cref="InvalidOperationException">Already started or stopped.</exception>
    public void Start()
    {
        if (Platform.CompareExchange(ref _state, 1, 0) != 0)
        {
            ThrowHelper.ThrowInvalidOperation("The runtime can be started once; it is already " + (_state == 1 ? "running." : "stopped."));
        }

        for (int i = 0; i < _tasks.Length; i++)
        {
            _tasks[i].Start();
        }
    }

    /// <summary>
    /// Stops the runtime: asks every task to stop, closes every buffer and mailbox so that no task stays
    /// blocked, and waits up to <paramref name="timeoutMs"/> for the task threads to end.
    /// </summary>
    /// <returns>True when every task thread ended in time.</returns>
    /// <remarks>Blocks up to the timeout. Not for interrupt or driver callbacks.</remarks>
    public bool Stop(int timeoutMs)
    {
        ThrowHelper.ValidateTimeout(timeoutMs);
        Monitor.Enter(_registryLock);
        Platform.Exchange(ref _state, 2);
        Monitor.Exit(_registryLock);
        for (int i = 0; i < _tasks.Length; i++)
        {
            _tasks[i].RequestStop();
        }

        for (int i = 0; i < _buffers.Length; i++)
        {
            _buffers[i].Close();
        }

        for (int i = 0; i < _regions.Length; i++)
        {
            _regions[i].Close();
        }

        if (_links != null)
        {
            _links.CloseAll();
        }

        Monitor.Enter(_registryLock);
        try
        {
            for (int i = 0; i < _mailboxes.Length; i++)
            {
                _mailboxes[i].Close();
            }
        }
        finally
        {
            Monitor.Exit(_registryLock);
        }

        long deadline = Platform.NowMilliseconds() + timeoutMs;
        bool all = true;
        for (int i = 0; i < _tasks.Length; i++)
        {
            int left = timeoutMs == Timeout.Infinite ? Timeout.Infinite : (int)NotNegative(deadline - Platform.NowMilliseconds());
            all &= _tasks[i].Join(left);
        }

        return all;
    }

    private static long NotNegative(long value) => value < 0 ? 0 : value;

    /// <summary>
    /// Stops the runtime (waiting up to five seconds for its tasks), then disposes every buffer, mailbox,
    /// link and shared region: what they still held is dropped and counted, and any later send, receive,
    /// write, read or wait on them throws <see cref="ObjectDisposedException"/>. Use <see cref="Stop"/> for a shutdown that tasks observe as
    /// <see cref="IpcStatus.Closed"/>.
    /// </summary>
    public void Dispose()
    {
        if (Platform.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Stop(5000);
        for (int i = 0; i < _buffers.Length; i++)
        {
            _buffers[i].Retire(disposed: true);
        }

        for (int i = 0; i < _regions.Length; i++)
        {
            _regions[i].Retire();
        }

        if (_links != null)
        {
            _links.RetireAll();
        }

        Monitor.Enter(_registryLock);
        try
        {
            for (int i = 0; i < _mailboxes.Length; i++)
            {
                _mailboxes[i].Retire(disposed: true);
            }
        }
        finally
        {
            Monitor.Exit(_registryLock);
        }
    }

    /// <summary>Every buffer, in declaration order.</summary>
    public BoundedBuffer[] GetBuffers() => (BoundedBuffer[])_buffers.Clone();

    /// <summary>Every mailbox's current generation, in declaration order.</summary>
    public Mailbox[] GetMailboxes()
    {
        Monitor.Enter(_registryLock);
        try
        {
            return (Mailbox[])_mailboxes.Clone();
        }
        finally
        {
            Monitor.Exit(_registryLock);
        }
    }

    /// <summary>Every task, in id order.</summary>
    public EdgeTask[] GetTasks() => (EdgeTask[])_tasks.Clone();

    /// <summary>"runtime ID".</summary>
    public override string ToString() => "runtime " + Id;

}
