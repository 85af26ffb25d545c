using System.Diagnostics;
using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// A fixed-size block of bytes shared by cooperating tasks, reserved when the runtime is built: the shared
/// memory model, beside the message-passing buffers. Writes are mutually exclusive; readers copy a consistent
/// snapshot out, never a half-written record, and never hold up a writer; <see cref="WaitForChange"/> blocks
/// until the next write.
/// </summary>
/// <remarks>
/// <para>
/// A sequence lock (seqlock, as in the Linux kernel). <see cref="Version"/> is even while the bytes are
/// stable and odd while a write is in progress. A writer takes the writers' lock, makes the version odd,
/// copies its bytes in, and makes the version even again, two more than before. A reader reads the version,
/// copies the bytes out, reads the version again, and keeps the copy only if both reads gave the same even
/// number; otherwise a write overlapped the copy and the reader tries again. Readers never take the lock and
/// never write shared state, so any number of them cost a writer nothing.
/// </para>
/// <para>
/// Memory order (.NET on a multi-core ARM board): the odd version is published with a full fence before the
/// first byte is stored, and the even version with release semantics after the last one; a reader reads the
/// version with acquire semantics before the copy and behind a full fence after it. nanoFramework runs
/// managed threads on one core, where program order is memory order (RegionBarrier.nano.cs).
/// </para>
/// <para>
/// Cross-process sharing (a later step) is kept open: the whole state the protocol needs is one block of
/// <see cref="ReservedBytes"/> bytes, the <see cref="HeaderBytes"/> header (the version word at offset 0 and
/// the last writer's id at offset 4, both 4-byte aligned) followed by <see cref="Size"/> bytes of data. A
/// memory-mapped file laid out that way can replace the two fields and the array without changing the
/// protocol, and since readers never store into the block, a reading process may map it read-only. Only the
/// two per-process parts change: the writers' lock (then a compare-and-swap word in the header, or a named
/// semaphore) and the wake-up of <see cref="WaitForChange"/> (then a futex on the version word on Linux).
/// </para>
/// <para>
/// One lock, <see cref="_sync"/>, serialises writers and protects the list of waiting tasks and the closed
/// flag. It is held for one copy into the region, the version bumps and claiming the waiters: no user code,
/// no allocation and no waiting ever happens under it. Waiters are woken after it is released, so a woken
/// task never finds the writer still holding it.
/// </para>
/// </remarks>
public sealed partial class SharedRegion
{
    /// <summary>Bytes of header the region reserves besides its data: the version word and the last writer's id.</summary>
    public const int HeaderBytes = 8;

    /// <summary>Largest region, in bytes.</summary>
    public const int MaxSize = 1 << 20;

    // Serialises writers; protects _waiters and _closed. Readers never take it.
    private readonly object _sync = new object();

    // The seqlock word: even when stable, odd during a write. Changed only under _sync; read by anyone.
    private int _version;

    // Id of the task whose write made the current version (0: a Post, or no write yet). Changed under _sync.
    private int _lastWriter;

    private readonly byte[] _bytes;
    private readonly WaitQueue _waiters = new WaitQueue();
    private bool _closed;

    // 1 once the runtime is disposed: written once under _sync, read without it, as a buffer's retired flag.
    private int _disposed;

    private readonly IpcRuntime _runtime;

    internal SharedRegion(string name, int size, IpcRuntime runtime)
    {
        Debug.Assert(size > 0 && size <= MaxSize, "The layout validated the size.");
        Name = name;
        Size = size;
        _runtime = runtime;
        _bytes = new byte[size];
    }

    /// <summary>The name the region was declared with.</summary>
    public string Name { get; }

    /// <summary>Bytes of data the region holds.</summary>
    public int Size { get; }

    /// <summary>Bytes this region reserved: <c>Size + HeaderBytes</c>.</summary>
    public int ReservedBytes => ComputeReservedBytes(Size);

    internal static int ComputeReservedBytes(int size) => size + HeaderBytes;

    /// <summary>
    /// The version now: 0 before the first write, two more after each write (wrapping around at
    /// <see cref="int.MaxValue"/>, so compare versions for equality, not order), odd while a write is in progress.
    /// </summary>
    /// <remarks>Never blocks; safe from an interrupt or driver callback.</remarks>
    public int Version => Platform.Read(ref _version);

    /// <summary>
    /// The id of the task whose write is the latest to have started: 0 for <see cref="Post(byte[], int, int, int)"/>
    /// or before any write. A momentary value, like <see cref="Version"/>.
    /// </summary>
    /// <remarks>Never blocks; safe from an interrupt or driver callback.</remarks>
    public int LastWriterId => Platform.Read(ref _lastWriter);

    /// <summary>
    /// Copies <paramref name="count"/> bytes of <paramref name="source"/> into the region at
    /// <paramref name="regionOffset"/>, as one write: no reader sees part of it, and no other write runs at the
    /// same time. The rest of the region keeps its bytes. The version goes up by two, even for zero bytes (a
    /// way to signal waiters without changing data), and every task in <see cref="WaitForChange"/> wakes.
    /// </summary>
    /// <param name="writer">The writing task; its id becomes <see cref="LastWriterId"/>.</param>
    /// <param name="source">The bytes to copy.</param>
    /// <param name="sourceOffset">Where they start in <paramref name="source"/>.</param>
    /// <param name="regionOffset">Where they go in the region.</param>
    /// <param name="count">How many bytes; <paramref name="regionOffset"/> + <paramref name="count"/> is at most <see cref="Size"/>.</param>
    /// <returns><see cref="IpcStatus.Ok"/>, or <see cref="IpcStatus.Closed"/> when the region is closed and nothing was written.</returns>
    /// <remarks>Never blocks for long: it waits only for another writer's copy, never for a reader. Never
    /// allocates. Safe from an interrupt or driver callback in the same sense as a buffer's Post:
    /// the lock it takes is only ever held for one copy; such callbacks, which have no task, use
    /// <see cref="Post(byte[], int, int, int)"/>.</remarks>
    /// <exception cref="System.ArgumentNullException"><paramref name="writer"/> or <paramref name="source"/> is null.</exception>
    /// <exception cref="System.ArgumentException"><paramref name="writer"/> belongs to another runtime.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">The range lies outside <paramref name="source"/> or the region.</exception>
    /// <exception cref="System.ObjectDisposedException">The runtime was disposed.</exception>
    public IpcStatus Write(EdgeTask writer, byte[] source, int sourceOffset, int regionOffset, int count)
    {
        CheckTask(writer, "writer");
        ValidateArray(source, sourceOffset, count, "source", "sourceOffset");
        ValidateRegionRange(regionOffset, count);
        return WriteCore(writer!.Id, new PayloadSource(source, sourceOffset, count), regionOffset);
    }

    /// <summary>
    /// Writes from an interrupt, a GPIO or driver callback, or any code that has no task. As
    /// <see cref="Write(EdgeTask, byte[], int, int, int)"/>, with writer id 0.
    /// </summary>
    /// <remarks>Never blocks for long (it waits only for another writer's copy), never allocates, never runs
    /// user code: safe from an interrupt or driver callback.</remarks>
    /// <exception cref="System.ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">The range lies outside <paramref name="source"/> or the region.</exception>
    public IpcStatus Post(byte[] source, int sourceOffset, int regionOffset, int count)
    {
        ValidateArray(source, sourceOffset, count, "source", "sourceOffset");
        ValidateRegionRange(regionOffset, count);
        return WriteCore(0, new PayloadSource(source, sourceOffset, count), regionOffset);
    }

    /// <summary>
    /// Copies <paramref name="count"/> bytes of the region from <paramref name="regionOffset"/> into
    /// <paramref name="destination"/>: a consistent snapshot, never part of one write and part of another.
    /// </summary>
    /// <returns>The (even) <see cref="Version"/> of the snapshot copied.</returns>
    /// <remarks>Never takes a lock, never parks, never allocates, and never holds up a writer. It retries,
    /// spinning and then yielding, while a write overlaps its copy, so it waits at most as long as the writes
    /// that overlap it; a writer that writes without pause can make it retry for as long. Safe from a driver
    /// callback; an interrupt handler that may have interrupted the writer itself must use
    /// <see cref="TryRead(byte[], int, int, int, out int)"/>, which makes one attempt.</remarks>
    /// <exception cref="System.ArgumentNullException"><paramref name="destination"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">The range lies outside <paramref name="destination"/> or the region.</exception>
    public int Read(byte[] destination, int destinationOffset, int regionOffset, int count)
    {
        ValidateArray(destination, destinationOffset, count, "destination", "destinationOffset");
        ValidateRegionRange(regionOffset, count);
        PayloadTarget target = new PayloadTarget(destination, destinationOffset);
        return ReadCore(ref target, regionOffset, count);
    }

    /// <summary>
    /// Makes one attempt at <see cref="Read(byte[], int, int, int)"/>: true with the snapshot's
    /// <paramref name="version"/> when no write overlapped the copy; false when one did, and then what was
    /// copied into <paramref name="destination"/> must be ignored.
    /// </summary>
    /// <remarks>Never blocks, never waits, never allocates: safe from an interrupt or driver callback.</remarks>
    /// <exception cref="System.ArgumentNullException"><paramref name="destination"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">The range lies outside <paramref name="destination"/> or the region.</exception>
    public bool TryRead(byte[] destination, int destinationOffset, int regionOffset, int count, out int version)
    {
        ValidateArray(destination, destinationOffset, count, "destination", "destinationOffset");
        ValidateRegionRange(regionOffset, count);
        PayloadTarget target = new PayloadTarget(destination, destinationOffset);
        return TryReadCore(ref target, regionOffset, count, out version);
    }

    /// <summary>
    /// Waits until the region's version differs from <paramref name="knownVersion"/> (usually the version a
    /// <see cref="Read(byte[], int, int, int)"/> returned): returns at once when it already does.
    /// </summary>
    /// <param name="waiter">The waiting task.</param>
    /// <param name="knownVersion">The version the caller has seen.</param>
    /// <param name="timeoutMs">0 only checks, a positive value waits at most that many milliseconds,
    /// <see cref="Timeout.Infinite"/> waits until a write or <see cref="Close"/>.</param>
    /// <returns><see cref="IpcStatus.Ok"/> when the version differs (a write happened, even after a close);
    /// <see cref="IpcStatus.TimedOut"/> when it did not change in time (at once when <paramref name="timeoutMs"/>
    /// is 0); <see cref="IpcStatus.Closed"/> when the region is closed and unchanged.</returns>
    /// <remarks>May block (unless <paramref name="timeoutMs"/> is 0). Does not allocate. Not for interrupt or
    /// driver callbacks.</remarks>
    /// <exception cref="System.ArgumentNullException"><paramref name="waiter"/> is null.</exception>
    /// <exception cref="System.ArgumentException"><paramref name="waiter"/> belongs to another runtime.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">The timeout is less than -1.</exception>
    /// <exception cref="System.InvalidOperationException">The task is already blocked on another thread.</exception>
    /// <exception cref="System.ObjectDisposedException">The runtime was disposed.</exception>
    public IpcStatus WaitForChange(EdgeTask waiter, int knownVersion, int timeoutMs)
    {
        CheckTask(waiter, "waiter");
        ThrowHelper.ValidateTimeout(timeoutMs);
        ThrowIfDisposed();
        Waiter? me = null;
        IpcStatus status;

        Monitor.Enter(_sync);
        try
        {
            AssertInvariants();

            // Writers change the version only under _sync, so here it is even and cannot move: a write after
            // this check finds this task in _waiters.
            if (_version != knownVersion)
            {
                status = IpcStatus.Ok;
            }
            else if (_closed)
            {
                status = IpcStatus.Closed;
            }
            else if (timeoutMs == 0)
            {
                status = IpcStatus.TimedOut;
            }
            else
            {
                me = waiter!.Waiter;
                me.Enter(waiter.Name);
                me.Arm();
                _waiters.Enqueue(me.Nodes[0]);
                status = IpcStatus.TimedOut;
            }
        }
        finally
        {
            Monitor.Exit(_sync);
        }

        return me == null ? status : FinishWait(me, waiter!.Runtime.Timing.Deadline(timeoutMs));
    }

    /// <summary>
    /// Closes the region: every task in <see cref="WaitForChange"/> wakes with <see cref="IpcStatus.Closed"/>,
    /// later writes are refused with <see cref="IpcStatus.Closed"/>, and reads go on returning the last
    /// snapshot. Closing twice does nothing.
    /// </summary>
    /// <remarks>Never blocks for long; never allocates. Safe from an interrupt or driver callback.</remarks>
    public void Close()
    {
        Waiter? wake = null;
        Monitor.Enter(_sync);
        try
        {
            AssertInvariants();
            if (!_closed)
            {
                _closed = true;
                wake = _waiters.CompleteAll(IpcStatus.Closed, null);
            }
        }
        finally
        {
            Monitor.Exit(_sync);
        }

        Waiter.WakeChain(wake);
    }

    /// <summary>Whether <see cref="Close"/> has been called.</summary>
    /// <remarks>Never blocks for long; safe from an interrupt or driver callback.</remarks>
    public bool IsClosed
    {
        get
        {
            Monitor.Enter(_sync);
            try
            {
                return _closed;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => "shared region '" + Name + "' (" + Size + " bytes)";

    /// <summary>
    /// For <see cref="IpcRuntime.Dispose"/>, after the region was closed: every later write, read and wait
    /// throws <see cref="System.ObjectDisposedException"/>, as every operation on a disposed runtime's buffers.
    /// </summary>
    internal void Retire()
    {
        Close();
        Monitor.Enter(_sync);
        try
        {
            Platform.Write(ref _disposed, 1);
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    /// <summary>The same misuse checks and messages as a buffer's: a task of another runtime means nothing here.</summary>
    private void CheckTask(EdgeTask task, string paramName)
    {
        if (task == null)
        {
            ThrowHelper.ThrowArgumentNull(paramName);
        }

        if (task!.Runtime != _runtime)
        {
            ThrowHelper.ThrowArgument(paramName, task + " belongs to another runtime than '" + Name + "'.");
        }
    }

    /// <summary>Unlocked, as a buffer's: an operation that races with disposal finds the region closed instead.</summary>
    private void ThrowIfDisposed()
    {
        if (Platform.Read(ref _disposed) != 0)
        {
            ThrowHelper.ThrowObjectDisposed("'" + Name + "' belongs to a disposed runtime.");
        }
    }

    /// <summary>
    /// Checks a declared size; called by the layout when a region is declared, so that misuse is reported
    /// before anything is reserved.
    /// </summary>
    internal static void ValidateSize(string name, int size)
    {
        if (size < 1 || size > MaxSize)
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                "size",
                "Size of shared region '" + name + "' must be from 1 to " + MaxSize + " bytes; got " + size + ".");
        }
    }

    /// <summary>
    /// Checks the lock's invariants; callable from tests because nanoFramework's Debug.Assert does not fail
    /// a run. Takes the lock.
    /// </summary>
    internal bool CheckInvariants()
    {
        Monitor.Enter(_sync);
        try
        {
            return InvariantsHold();
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    /// <summary>Tasks blocked in <see cref="WaitForChange"/> right now (for tests that must know a waiter is parked).</summary>
    internal int WaitingTasks
    {
        get
        {
            Monitor.Enter(_sync);
            try
            {
                int n = 0;
                for (WaitNode? node = _waiters.First; node != null; node = node.Next)
                {
                    n += node.Owner.IsWaiting ? 1 : 0;
                }

                return n;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }
    }

    internal IpcStatus WriteCore(int writerId, PayloadSource source, int regionOffset)
    {
        ThrowIfDisposed();
        Waiter? wake = null;
        IpcStatus status;

        Monitor.Enter(_sync);
        try
        {
            AssertInvariants();
            if (_closed)
            {
                status = IpcStatus.Closed;
            }
            else
            {
                int stable = _version;

                // Full fence: the odd version is visible before any byte below is stored (a release write
                // would let the stores that follow it move ahead of it).
                Platform.Exchange(ref _version, stable + 1);
                if (Faults.Armed && Faults.Active == Fault.SeqlockNoOddMarker)
                {
                    Platform.Write(ref _version, stable); // Fault.SeqlockNoOddMarker: even during the copy
                }

                _lastWriter = writerId;
                source.CopyTo(_bytes, regionOffset);

                // Release: every byte stored above is visible before the even version.
                Platform.Write(ref _version, stable + 2);
                wake = _waiters.CompleteAll(IpcStatus.Ok, null);
                status = IpcStatus.Ok;
            }
        }
        finally
        {
            Monitor.Exit(_sync);
        }

        Waiter.WakeChain(wake);
        return status;
    }

    internal int ReadCore(ref PayloadTarget target, int regionOffset, int count)
    {
        int version;
        for (int attempt = 0; !TryReadCore(ref target, regionOffset, count, out version); attempt++)
        {
            // A write overlaps the copy. Poll where that can pay off (Poll yields every few rounds), else
            // yield at once, so that a writer preempted in the middle of its copy gets the processor back.
            if (Platform.CanSpin)
            {
                Platform.Poll(attempt);
            }
            else
            {
                Platform.Yield();
            }
        }

        return version;
    }

    internal bool TryReadCore(ref PayloadTarget target, int regionOffset, int count, out int version)
    {
        ThrowIfDisposed();

        // Acquire: the copy cannot start before this read.
        int before = Platform.Read(ref _version);
        if ((before & 1) != 0 && !(Faults.Armed && Faults.Active == Fault.SeqlockOddAccepted)) // Fault.SeqlockOddAccepted: odd taken as stable
        {
            version = before;
            return false;
        }

        target.CopyFrom(_bytes, regionOffset, count);

        // Full fence: every load of the copy completes before the version is read again.
        RegionBarrier.Full();
        version = Platform.Read(ref _version);
        return version == before;
    }

    /// <summary>Blocks the calling task until a write or a close completes its wait, or the timeout passes.</summary>
    private IpcStatus FinishWait(Waiter me, long deadline)
    {
        IpcStatus status;
        if (me.Wait(deadline))
        {
            status = me.Result;
        }
        else
        {
            // The timeout won the cancel CAS, so no writer will touch this waiter: unlink its node, unless a
            // writer passing by already dropped it.
            Monitor.Enter(_sync);
            try
            {
                _waiters.Remove(me.Nodes[0]);
            }
            finally
            {
                Monitor.Exit(_sync);
            }

            status = IpcStatus.TimedOut;
        }

        me.Reset();
        me.Exit();
        return status;
    }

    [Conditional("DEBUG")]
    private void AssertInvariants() => Debug.Assert(InvariantsHold(), "SharedRegion invariants broken.");

    private bool InvariantsHold()
    {
        // Under the lock no write is in progress, so the version is even.
        if ((_version & 1) != 0 || _bytes.Length != Size)
        {
            return false;
        }

        // Once closed, nobody is left waiting.
        if (_closed)
        {
            for (WaitNode? node = _waiters.First; node != null; node = node.Next)
            {
                if (node.Owner.IsWaiting)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private void ValidateRegionRange(int regionOffset, int count)
    {
        if (regionOffset < 0 || regionOffset > Size)
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                "regionOffset",
                "Region offset " + regionOffset + " is outside '" + Name + "' (size " + Size + ").");
        }

        if (count < 0 || count > Size - regionOffset)
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                "count",
                "Count " + count + " at region offset " + regionOffset + " runs past the end of '" + Name + "' (size " + Size + ").");
        }
    }

    private static void ValidateArray(byte[] array, int offset, int count, string arrayName, string offsetName)
    {
        if (array == null)
        {
            ThrowHelper.ThrowArgumentNull(arrayName);
        }

        if (offset < 0 || offset > array!.Length)
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                offsetName,
                "Offset " + offset + " is outside " + arrayName + " (length " + array!.Length + ").");
        }

        if (count < 0 || count > array!.Length - offset)
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                "count",
                "Count " + count + " at offset " + offset + " runs past the end of " + arrayName + " (length " + array!.Length + ").");
        }
    }
}
