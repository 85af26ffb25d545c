using System.Collections;

namespace Edge.Ipc;

/// <summary>
/// The declaration of everything a runtime will hold: tasks, bounded buffers and mailboxes, each with its
/// capacity and slot size. <see cref="RequiredBytes"/> says how much memory that takes before anything is
/// reserved; <see cref="Build"/> reserves all of it at once and seals the layout, so the running system
/// never allocates for messaging.
/// </summary>
/// <example>
/// <code>
/// var layout = new IpcLayout()
///     .AddTask("producer", Produce)
///     .AddTask("consumer", Consume)
///     .AddMailbox("samples", capacity: 16, slotSize: 64);
/// IpcRuntime runtime = layout.Build(SystemClock.Instance);
/// </code>
/// </example>
public sealed class IpcLayout
{
    /// <summary>Longest name of a task, buffer or mailbox (the registry keeps names in fixed-size entries).</summary>
    public const int MaxNameLength = 32;

    /// <summary>Largest slot, in bytes. Large data travels as an index into a buffer the application owns.</summary>
    public const int MaxSlotSize = 64 * 1024;

    /// <summary>Most messages one buffer can hold.</summary>
    public const int MaxCapacity = 1 << 20;

    /// <summary>Most tasks one runtime can hold.</summary>
    public const int MaxTasks = 1024;

    /// <summary>Most priority levels a mailbox may declare (<see cref="MailboxOptions.PriorityLevels"/>).</summary>
    public const int MaxPriorityLevels = 32;

    /// <summary>
    /// Most bytes a layout may reserve (<see cref="RequiredBytes"/>): a declaration that would bring the total
    /// past it is refused, naming the declaration, the bytes it adds and the total.
    /// </summary>
    public const int MaxLayoutBytes = int.MaxValue;

    private int _maxSelectSources = 8;
    private int _maxLinks;
    private int _linkCapacity;
    private int _linkSlotSize;

    private readonly ArrayList _tasks = new ArrayList();
    private readonly ArrayList _buffers = new ArrayList();
    private readonly ArrayList _mailboxes = new ArrayList();
    private readonly ArrayList _regions = new ArrayList();
    private bool _sealed;

    /// <summary>The declared tasks, in id order (ids start at 1).</summary>
    internal ArrayList Tasks => _tasks;

    internal ArrayList Buffers => _buffers;

    internal ArrayList Mailboxes => _mailboxes;

    internal ArrayList Regions => _regions;

    /// <summary>
    /// How many sources one task may wait on at once with <see cref="Selector"/> (and how many direct links
    /// a receive-from-any covers); each task reserves one small wait node per source. Default 8, at most 64.
    /// </summary>
    /// <exception cref="System.ArgumentOutOfRangeException">The value is outside 1 to 64.</exception>
    /// <exception cref="System.InvalidOperationException">The layout is sealed.</exception>
    public int MaxSelectSources
    {
        get => _maxSelectSources;
        set
        {
            CheckNotSealed("setting", "MaxSelectSources");
            if (value < 1 || value > 64)
            {
                ThrowHelper.ThrowArgumentOutOfRange("value", "MaxSelectSources must be from 1 to 64; got " + value + ".");
            }

            _maxSelectSources = value;
        }
    }

    internal int MaxLinks => _maxLinks;

    internal int LinkCapacity => _linkCapacity;

    internal int LinkSlotSize => _linkSlotSize;

    /// <summary>
    /// Reserves a pool of <paramref name="maxLinks"/> direct links between pairs of tasks (see
    /// <see cref="DirectLinks"/>), each direction a buffer of <paramref name="capacity"/> slots of
    /// <paramref name="slotSize"/> bytes (capacity 0: rendezvous). A task can have up to
    /// <see cref="MaxSelectSources"/> - 1 links.
    /// </summary>
    /// <exception cref="System.ArgumentOutOfRangeException">A value is out of range, or the pool would take the layout past <see cref="MaxLayoutBytes"/>.</exception>
    /// <exception cref="System.InvalidOperationException">The layout is sealed.</exception>
    public IpcLayout WithLinks(int maxLinks, int capacity, int slotSize)
    {
        CheckNotSealed("links", "");
        if (maxLinks < 1 || maxLinks > MaxTasks * 8)
        {
            ThrowHelper.ThrowArgumentOutOfRange("maxLinks", "maxLinks must be from 1 to " + (MaxTasks * 8) + "; got " + maxLinks + ".");
        }

        CheckSizes("links", capacity, slotSize);
        int oldLinks = _maxLinks;
        int oldCapacity = _linkCapacity;
        int oldSlotSize = _linkSlotSize;
        long before = TotalBytes;
        _maxLinks = maxLinks;
        _linkCapacity = capacity;
        _linkSlotSize = slotSize;
        long after = TotalBytes;
        if (after > MaxLayoutBytes)
        {
            _maxLinks = oldLinks;
            _linkCapacity = oldCapacity;
            _linkSlotSize = oldSlotSize;
            ThrowOverLimit("maxLinks", "links WithLinks(" + maxLinks + ", " + capacity + ", " + slotSize + ")", after - before, after);
        }

        return this;
    }

    /// <summary>Whether <see cref="Build"/> has run; a sealed layout accepts no more declarations.</summary>
    public bool IsSealed => _sealed;

    /// <summary>
    /// Declares a task. With a <paramref name="body"/>, <see cref="IpcRuntime.Start"/> runs it on its own
    /// thread; without one, the application drives the task from a thread of its choosing.
    /// </summary>
    /// <exception cref="System.ArgumentException">The name is empty, too long or already used by a task.</exception>
    /// <exception cref="System.InvalidOperationException">The layout is sealed or holds <see cref="MaxTasks"/> tasks, or the task's transfer area would take the layout past <see cref="MaxLayoutBytes"/>.</exception>
    public IpcLayout AddTask(string name, TaskEntry? body = null)
    {
        CheckNotSealed("task", name);
        CheckName(name, _tasks, "task");
        if (_tasks.Count == MaxTasks)
        {
            ThrowHelper.ThrowInvalidOperation("Cannot declare task '" + name + "': a runtime holds at most " + MaxTasks + " tasks.");
        }

        Admit(_tasks, new Declaration(name, 0, 0, OverflowPolicy.RefuseNewest, body, null), "task", null);
        return this;
    }

    /// <summary>Declares a bounded buffer of <paramref name="capacity"/> slots of <paramref name="slotSize"/> bytes; capacity 0 is a rendezvous.</summary>
    /// <exception cref="System.ArgumentException">The name is empty, too long or already used.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">The capacity or slot size is out of range, or the buffer would take the layout past <see cref="MaxLayoutBytes"/>.</exception>
    /// <exception cref="System.InvalidOperationException">The layout is sealed.</exception>
    public IpcLayout AddBuffer(string name, int capacity, int slotSize, OverflowPolicy overflow = OverflowPolicy.RefuseNewest)
    {
        CheckNotSealed("buffer", name);
        CheckChannel(name, capacity, slotSize);
        Admit(_buffers, new Declaration(name, capacity, slotSize, overflow, null, null), "buffer", "capacity");
        return this;
    }

    /// <summary>
    /// Declares an unbounded buffer: a sender never waits for room. The first
    /// <paramref name="segmentCapacity"/> slots are reserved with the layout; beyond them, storage grows
    /// in segments of that many slots taken from the heap, so this is the one mode that allocates
    /// (<see cref="BoundedBuffer.IsStatic"/> is false). Past <paramref name="ceiling"/> messages (or if the
    /// heap is exhausted) a send is refused with <see cref="IpcStatus.Full"/> or waits, as for a full bounded
    /// buffer, and a post is dropped and counted; it never crashes with an out-of-memory error.
    /// </summary>
    /// <param name="name">The buffer's name.</param>
    /// <param name="segmentCapacity">Slots per segment, and reserved up front; at least 1.</param>
    /// <param name="slotSize">Largest payload in bytes.</param>
    /// <param name="ceiling">Most messages held at once; 0 for no ceiling (<see cref="int.MaxValue"/>).</param>
    /// <exception cref="System.ArgumentException">The name is empty, too long or already used.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A size or the ceiling is out of range, or the first segment would take the layout past <see cref="MaxLayoutBytes"/>.</exception>
    /// <exception cref="System.InvalidOperationException">The layout is sealed.</exception>
    public IpcLayout AddUnboundedBuffer(string name, int segmentCapacity, int slotSize, int ceiling = 0)
    {
        CheckNotSealed("buffer", name);
        CheckChannel(name, segmentCapacity, slotSize);
        if (segmentCapacity < 1)
        {
            ThrowHelper.ThrowArgumentOutOfRange("segmentCapacity", "Segments of unbounded buffer '" + name + "' need at least 1 slot; got " + segmentCapacity + ".");
        }

        if (ceiling < 0 || (ceiling > 0 && ceiling < segmentCapacity))
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                "ceiling",
                "Ceiling of '" + name + "' must be 0 (none) or at least its segment capacity " + segmentCapacity + "; got " + ceiling + ".");
        }

        Admit(_buffers, new Declaration(name, segmentCapacity, slotSize, OverflowPolicy.RefuseNewest, null, null, ceiling == 0 ? int.MaxValue : ceiling), "buffer", "segmentCapacity");
        return this;
    }

    /// <summary>
    /// Declares a mailbox: a bounded buffer with a unique port id and a name in the registry. An owner named
    /// in <paramref name="options"/> must be declared (before or after) as a task.
    /// </summary>
    /// <exception cref="System.ArgumentException">The name is empty, too long or already used, or the options are inconsistent.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">The capacity or slot size is out of range, or the mailbox would take the layout past <see cref="MaxLayoutBytes"/>.</exception>
    /// <exception cref="System.InvalidOperationException">The layout is sealed or the registry is full.</exception>
    public IpcLayout AddMailbox(string name, int capacity, int slotSize, MailboxOptions? options = null)
    {
        CheckNotSealed("mailbox", name);
        CheckChannel(name, capacity, slotSize);
        if (_mailboxes.Count == PortId.MaxMailboxes)
        {
            ThrowHelper.ThrowInvalidOperation(
                "Cannot declare mailbox '" + name + "': the port registry holds at most " + PortId.MaxMailboxes + " mailboxes.");
        }

        if (options != null && options.ReceiveMode == ReceiveMode.OwnerOnly && options.Owner == null)
        {
            ThrowHelper.ThrowArgument("options", "Mailbox '" + name + "' restricts receiving to its owner but names no owner.");
        }

        OverflowPolicy overflow = options == null ? OverflowPolicy.RefuseNewest : options.Overflow;
        CheckPriorityLevels(name, capacity, overflow, options == null ? 1 : options.PriorityLevels);
        Admit(_mailboxes, new Declaration(name, capacity, slotSize, overflow, null, options), "mailbox", "capacity");
        return this;
    }

    private static void CheckPriorityLevels(string name, int capacity, OverflowPolicy overflow, int levels)
    {
        if (levels < 1 || levels > MaxPriorityLevels)
        {
            ThrowHelper.ThrowArgumentOutOfRange("options", "PriorityLevels of '" + name + "' must be from 1 to " + MaxPriorityLevels + "; got " + levels + ".");
        }

        if (levels > 1 && capacity == 0)
        {
            ThrowHelper.ThrowArgument("options", "Mailbox '" + name + "' has " + levels + " priority levels but capacity 0: a rendezvous holds no messages to order.");
        }

        if (levels > 1 && overflow != OverflowPolicy.RefuseNewest)
        {
            ThrowHelper.ThrowArgument("options", "Mailbox '" + name + "' has " + levels + " priority levels and overflow " + overflow + "; a mailbox with levels refuses when full (RefuseNewest), since dropping the oldest would drop the most urgent.");
        }
    }

    /// <summary>
    /// Declares a shared region: a fixed block of <paramref name="size"/> bytes that tasks write as whole
    /// records and read as consistent snapshots (see <see cref="SharedRegion"/>).
    /// </summary>
    /// <exception cref="System.ArgumentException">The name is empty, too long or already used by a shared region.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">The size is not from 1 to <see cref="SharedRegion.MaxSize"/>, or the region would take the layout past <see cref="MaxLayoutBytes"/>.</exception>
    /// <exception cref="System.InvalidOperationException">The layout is sealed.</exception>
    public IpcLayout AddSharedRegion(string name, int size)
    {
        CheckNotSealed("shared region", name);
        CheckName(name, _regions, "shared region");
        SharedRegion.ValidateSize(name, size);

        // SlotSize holds the region's size; a region has no slots, capacity or overflow policy.
        Admit(_regions, new Declaration(name, 0, size, OverflowPolicy.RefuseNewest, null, null), "shared region", "size");
        return this;
    }

    /// <summary>
    /// The bytes <see cref="Build"/> will reserve: every buffer's and mailbox's slots (payload plus
    /// <see cref="BoundedBuffer.HeaderBytes"/> of header each; for an unbounded buffer, its first segment),
    /// the link pool, every shared region's bytes plus <see cref="SharedRegion.HeaderBytes"/>, and each task's transfer area of the largest slot size. Object headers of the few
    /// bookkeeping objects, and each buffer's fixed block of 128 control words (512 bytes: the ring's indices, each
    /// group on cache lines of its own), are not counted. Never more than <see cref="MaxLayoutBytes"/>: a
    /// declaration that would pass it is refused.
    /// </summary>
    public int RequiredBytes => (int)TotalBytes;

    /// <summary>The bytes of every declaration so far, in 64 bits so that no sum of declared sizes can wrap.</summary>
    private long TotalBytes
    {
        get
        {
            long bytes = 0;
            for (int i = 0; i < _buffers.Count; i++)
            {
                bytes += ((Declaration)_buffers[i]!).StorageBytes;
            }

            for (int i = 0; i < _mailboxes.Count; i++)
            {
                bytes += ((Declaration)_mailboxes[i]!).StorageBytes;
            }

            for (int i = 0; i < _regions.Count; i++)
            {
                bytes += SharedRegion.ComputeReservedBytes(((Declaration)_regions[i]!).SlotSize);
            }

            if (_maxLinks > 0)
            {
                bytes += DirectLinks.ReservedBytes(_maxLinks, _linkCapacity, _linkSlotSize, _tasks.Count);
            }

            return bytes + ((long)_tasks.Count * LargestSlot);
        }
    }

    /// <summary>The largest slot size declared (at least 1): the size of each task's transfer area.</summary>
    internal int LargestSlot
    {
        get
        {
            return Largest(_mailboxes, Largest(_buffers, _linkSlotSize > 1 ? _linkSlotSize : 1));
        }
    }

    /// <summary>
    /// Reserves all the declared memory at once, creates every task, buffer and mailbox, and seals the
    /// layout. After this, sending, receiving and posting never allocate.
    /// </summary>
    /// <param name="clock">The time source stamped into messages; null for <see cref="SystemClock"/>.</param>
    /// <exception cref="System.ArgumentException">A mailbox names an owner that is not a declared task.</exception>
    /// <exception cref="System.InvalidOperationException">The layout was already built.</exception>
    public IpcRuntime Build(IClock? clock = null)
    {
        CheckNotSealed("runtime", "");
        for (int i = 0; i < _mailboxes.Count; i++)
        {
            Declaration mailbox = (Declaration)_mailboxes[i]!;
            if (mailbox.Owner != null && IndexOf(_tasks, mailbox.Owner) < 0)
            {
                ThrowHelper.ThrowArgument("options", "Mailbox '" + mailbox.Name + "' names owner '" + mailbox.Owner + "', which is not a declared task.");
            }
        }

        _sealed = true;
        return new IpcRuntime(this, clock == null ? SystemClock.Instance : clock);
    }

    private static int Largest(ArrayList declarations, int largest)
    {
        for (int i = 0; i < declarations.Count; i++)
        {
            int slot = ((Declaration)declarations[i]!).SlotSize;
            largest = slot > largest ? slot : largest;
        }

        return largest;
    }

    internal static int IndexOf(ArrayList declarations, string name)
    {
        for (int i = 0; i < declarations.Count; i++)
        {
            if (((Declaration)declarations[i]!).Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private void CheckNotSealed(string kind, string name)
    {
        if (_sealed)
        {
            ThrowHelper.ThrowInvalidOperation(
                "Cannot add " + kind + " '" + name + "': the layout was built into a runtime and is sealed. "
                + "Declare every task, buffer and mailbox before Build(); the runtime's memory is reserved once.");
        }
    }

    private void CheckChannel(string name, int capacity, int slotSize)
    {
        CheckName(name, _buffers, "buffer");
        CheckName(name, _mailboxes, "mailbox");
        CheckSizes(name, capacity, slotSize);
    }

    /// <summary>
    /// Adds a checked declaration unless it would bring the layout past <see cref="MaxLayoutBytes"/>; then the
    /// layout is left as it was and the declaration is refused, with the bytes it adds (its own, and what it
    /// adds to every task's transfer area) and the total.
    /// </summary>
    private void Admit(ArrayList declarations, Declaration declaration, string kind, string? paramName)
    {
        long before = TotalBytes;
        declarations.Add(declaration);
        long after = TotalBytes;
        if (after > MaxLayoutBytes)
        {
            declarations.RemoveAt(declarations.Count - 1);
            ThrowOverLimit(paramName, kind + " '" + declaration.Name + "'", after - before, after);
        }
    }

    private static void ThrowOverLimit(string? paramName, string declaration, long bytes, long total)
    {
        string message = "Cannot declare " + declaration + ": it needs " + bytes + " bytes, which would bring the layout to "
            + total + " bytes; a layout holds at most " + MaxLayoutBytes + " bytes (IpcLayout.MaxLayoutBytes).";
        if (paramName == null)
        {
            ThrowHelper.ThrowInvalidOperation(message);
        }

        ThrowHelper.ThrowArgumentOutOfRange(paramName!, message);
    }

    private void CheckSizes(string name, int capacity, int slotSize)
    {
        if (capacity < 0 || capacity > MaxCapacity)
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                "capacity",
                "Capacity of '" + name + "' must be from 0 (rendezvous) to " + MaxCapacity + "; got " + capacity + ".");
        }

        if (slotSize < 1 || slotSize > MaxSlotSize)
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                "slotSize",
                "Slot size of '" + name + "' must be from 1 to " + MaxSlotSize + " bytes; got " + slotSize + ".");
        }
    }

    private static void CheckName(string name, ArrayList declarations, string kind)
    {
        if (name == null)
        {
            ThrowHelper.ThrowArgumentNull("name");
        }

        if (name!.Length == 0 || name.Length > MaxNameLength)
        {
            ThrowHelper.ThrowArgument("name", "Name '" + name + "' must be 1 to " + MaxNameLength + " characters; it has " + name.Length + ".");
        }

        if (IndexOf(declarations, name) >= 0)
        {
            ThrowHelper.ThrowArgument("name", "A " + kind + " named '" + name + "' is already declared.");
        }
    }
}
