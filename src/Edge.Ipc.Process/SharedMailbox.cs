using System;
using System.IO;
using System.IO.MemoryMappedFiles;
using System.Threading;

namespace Edge.Ipc.Process;

/// <summary>
/// A mailbox shared between processes on Linux: one file in /dev/shm holding a fixed ring of slots (see
/// README.md for the format), the same statuses as an in-process <see cref="Mailbox"/>, woken across processes
/// by futex, and safe against any attached process being killed at any instant.
/// </summary>
/// <remarks>
/// One instance may be used by any number of threads of its process; <see cref="Dispose"/> only once none is
/// inside an operation. Dispose detaches this process (nothing is written); <see cref="Close"/> closes the
/// mailbox for every process; <see cref="Delete"/> closes it and removes its file. A file removed any other way
/// (<c>rm</c>, <c>mv</c>) closes the mailbox too.
/// </remarks>
public sealed unsafe partial class SharedMailbox : IDisposable
{
    /// <summary>Where segments live: tmpfs, so the ring is memory, not disk.</summary>
    public const string SegmentDirectory = "/dev/shm";

    private const string FilePrefix = "edge.";

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly SharedRing _ring;
    private readonly SpinPolicy _sendSpin = new();
    private readonly SpinPolicy _receiveSpin = new();
    private byte* _base;

    private SharedMailbox(string path, MemoryMappedFile file, MemoryMappedViewAccessor view, byte* segment)
    {
        Path = path;
        _file = file;
        _view = view;
        _base = segment;
        Capacity = *(int*)(segment + SegmentLayout.CapacityOffset);
        SlotSize = *(int*)(segment + SegmentLayout.SlotSizeOffset);
        Overflow = (OverflowPolicy)(*(int*)(segment + SegmentLayout.OverflowOffset));
        CreatorProcessId = *(int*)(segment + SegmentLayout.CreatorPidOffset);
        Generation = *(long*)(segment + SegmentLayout.GenerationOffset);
        _ring = new SharedRing(segment, Capacity, SlotSize);
    }

    /// <summary>The segment's file.</summary>
    public string Path { get; }

    /// <summary>Slots.</summary>
    public int Capacity { get; }

    /// <summary>Largest payload in bytes.</summary>
    public int SlotSize { get; }

    /// <summary>What <see cref="Post(ReadOnlySpan{byte}, int)"/> does when full.</summary>
    public OverflowPolicy Overflow { get; }

    /// <summary>The process that created the segment.</summary>
    public int CreatorProcessId { get; }

    /// <summary>
    /// False when the process that created the segment is gone (no process with its pid runs, or the one that does
    /// started at another time): the segment was left behind. Reads /proc; does not block.
    /// </summary>
    public bool IsCreatorAlive
    {
        get
        {
            ObjectDisposedException.ThrowIf(_base == null, this);
            return ProcessLiveness.IsAlive(CreatorProcessId, *(long*)(_base + SegmentLayout.CreatorStartOffset));
        }
    }

    /// <summary>A random number drawn when the segment was created: tells two segments of the same name apart.</summary>
    public long Generation { get; }

    /// <summary>Whether the mailbox is closed (receivers still drain what is queued). Does not block.</summary>
    public bool IsClosed => Ring.IsClosed;

    private SharedRing Ring
    {
        get
        {
            ObjectDisposedException.ThrowIf(_base == null, this);
            return _ring;
        }
    }

    /// <summary>Receivers of any process asleep or about to sleep (tests).</summary>
    internal int ReceiversWaiting => Volatile.Read(ref *Ring.ReceiversWaiting);

    /// <summary>The receivers' futex word (tests): bit 0 says a receiver sleeps on it; the rest counts wakes.</summary>
    internal int DataSignal => Volatile.Read(ref *Ring.DataSignal);

    /// <summary>The segment's words, for a hung test's message: futex words, waiting counts, tail, head and the first turns.</summary>
    internal string DescribeWords() => "data signal " + DataSignal + ", space signal " + SpaceSignal + ", receivers waiting "
        + ReceiversWaiting + ", senders waiting " + SendersWaiting + ", " + Ring.DescribeTurns();

    /// <summary>The senders' futex word (tests).</summary>
    internal int SpaceSignal => Volatile.Read(ref *Ring.SpaceSignal);

    /// <summary>Senders of any process asleep or about to sleep (tests).</summary>
    internal int SendersWaiting => Volatile.Read(ref *Ring.SendersWaiting);

    /// <summary>The file of the mailbox called <paramref name="name"/>: /dev/shm/edge.NAME.</summary>
    public static string PathOf(string name)
    {
        CheckName(name);
        return SegmentDirectory + "/" + FilePrefix + name;
    }

    /// <summary>
    /// Creates the mailbox <paramref name="name"/>. The file appears under its name only complete (written under a
    /// temporary name, then linked), with mode 0600, or 0660 and the given group.
    /// </summary>
    /// <exception cref="ArgumentException">A bad name, capacity, slot size, policy or group.</exception>
    /// <exception cref="SharedSegmentException">The file exists (and <see cref="SharedMailboxOptions.ReplaceExisting"/> is false) or cannot be made.</exception>
    public static SharedMailbox Create(string name, SharedMailboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string path = PathOf(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1, nameof(options.Capacity));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Capacity, SegmentLayout.MaxCapacity, nameof(options.Capacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SlotSize, 1, nameof(options.SlotSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.SlotSize, SegmentLayout.MaxSlotSize, nameof(options.SlotSize));
        if (options.Overflow != OverflowPolicy.RefuseNewest && options.Overflow != OverflowPolicy.DropOldest)
        {
            throw new ArgumentException("A shared mailbox's overflow policy is RefuseNewest or DropOldest, not " + options.Overflow + ".", nameof(options));
        }

        long gid = -1;
        if (options.Group != null)
        {
            gid = Native.GroupId(options.Group);
            if (gid < 0)
            {
                throw new ArgumentException("No group named '" + options.Group + "' exists on this system.", nameof(options));
            }
        }

        long size = SegmentLayout.FileSizeOf(options.Capacity, options.SlotSize);
        string temporary = SegmentDirectory + "/." + FilePrefix + name + "." + Environment.ProcessId + "." + Random.Shared.Next().ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + ".new";
        SharedMailbox? created = null;
        try
        {
            var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.ReadWrite,
                Share = FileShare.ReadWrite | FileShare.Delete,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            if (gid >= 0)
            {
                if (Native.Fchown((int)stream.SafeFileHandle.DangerousGetHandle(), uint.MaxValue, (uint)gid) != 0)
                {
                    int errno = Native.LastError;
                    stream.Dispose();
                    throw new SharedSegmentException(path, "cannot give the file to group '" + options.Group + "': " + Native.ErrorText(errno));
                }

                File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
            }

            stream.SetLength(size);
            created = Map(path, stream, size, options);
            Publish(temporary, path, options.ReplaceExisting);
            created.WatchNamed();
            return created;
        }
        catch (IOException exception) when (exception is not SharedSegmentException)
        {
            created?.Dispose();
            throw new SharedSegmentException(path, "cannot create: " + exception.Message);
        }
        catch
        {
            created?.Dispose();
            throw;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Attaches to the existing mailbox <paramref name="name"/>, after checking its file; writes nothing.</summary>
    /// <exception cref="SharedSegmentException">No such mailbox, no permission, or a file that is not a valid segment.</exception>
    public static SharedMailbox Open(string name) => OpenPath(PathOf(name));

    /// <summary>Attaches to the segment file at <paramref name="path"/> (see <see cref="Open"/>).</summary>
    public static SharedMailbox OpenPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.ReadWrite,
                Share = FileShare.ReadWrite | FileShare.Delete,
            });
        }
        catch (FileNotFoundException)
        {
            throw new SharedSegmentException(path, "no such shared mailbox (is the process that creates it running?)");
        }
        catch (UnauthorizedAccessException)
        {
            throw new SharedSegmentException(path, "permission denied: the file's owner or group does not include this user");
        }
        catch (IOException exception)
        {
            throw new SharedSegmentException(path, "cannot open: " + exception.Message);
        }

        try
        {
            long size = SegmentValidator.Check(path, stream.SafeFileHandle);
            SharedMailbox opened = Map(path, stream, size, null);
            opened.WatchNamed();
            return opened;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Closes the mailbox <paramref name="name"/> (every attached process wakes with Closed) and removes its file.
    /// A file that is not a valid segment is removed only when <paramref name="evenIfInvalid"/>. Returns false when
    /// there was none.
    /// </summary>
    public static bool Delete(string name, bool evenIfInvalid = false)
    {
        string path = PathOf(name);
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using SharedMailbox existing = OpenPath(path);
            existing.Close();
        }
        catch (SharedSegmentException) when (evenIfInvalid)
        {
        }

        File.Delete(path);
        return true;
    }

    /// <summary>
    /// Closes the mailbox for every attached process: sends fail with Closed from now on, receivers take what is
    /// queued, then get Closed; every sleeper in every process wakes. Does not block; idempotent.
    /// </summary>
    public void Close()
    {
        SharedRing ring = Ring;
        ring.Close();
        ring.SignalAll();
    }

    /// <summary>The counts kept in the segment (see <see cref="SharedMailboxStatistics"/>). Does not block; allocation-free.</summary>
    public SharedMailboxStatistics GetStatistics()
    {
        SharedRing ring = Ring;
        ring.Snapshot(out long sent, out long taken, out long discarded, out long abandoned, out int highWater);
        int depth = (int)Math.Clamp(sent - taken, 0, Capacity);
        return new SharedMailboxStatistics
        {
            Sent = sent,
            Received = taken - discarded,
            Dropped = discarded,
            Abandoned = abandoned,
            RefusedFull = Volatile.Read(ref *ring.RefusedFull),
            TimedOut = Volatile.Read(ref *ring.TimedOutCount),
            Depth = depth,
            HighWater = Math.Max(highWater, depth),
            Capacity = Capacity,
            ReceiversWaiting = Volatile.Read(ref *ring.ReceiversWaiting),
            SendersWaiting = Volatile.Read(ref *ring.SendersWaiting),
            IsClosed = ring.IsClosed,
        };
    }

    /// <summary>Detaches this process: unmaps the segment and stops watching its name. Writes nothing; the mailbox stays for the others.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_base == null)
            {
                return;
            }

            _base = null;
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file.Dispose();
        }

        StopWatch();
    }

    /// <summary>
    /// For the crash tests: claims the next slot for writing (or the head message for reading), then kills this
    /// process with SIGKILL while holding it.
    /// </summary>
    internal void ClaimAndAbandonForTests(bool reading)
    {
        Ring.ClaimForTests(reading);
        Native.Kill(Environment.ProcessId, 9);
        throw new InvalidOperationException("SIGKILL did not end the process.");
    }

    /// <summary>
    /// For the crash tests: takes the head message without waking anyone (as a consumer killed between freeing the
    /// slot and its wake call leaves things), then kills this process with SIGKILL.
    /// </summary>
    internal void TakeAndDieBeforeWakeForTests()
    {
        Ring.TryTake(new byte[SlotSize], out _);
        Native.Kill(Environment.ProcessId, 9);
        throw new InvalidOperationException("SIGKILL did not end the process.");
    }

    /// <summary>For the liveness tests: claims the next slot for writing and keeps it, alive, until killed.</summary>
    internal void ClaimAndHoldForTests() => Ring.ClaimForTests(reading: false);

    /// <inheritdoc />
    public override string ToString() => "shared mailbox " + Path;

    private static void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > 100 || name[0] == '.')
        {
            throw new ArgumentException("A shared mailbox name is 1 to 100 letters, digits, '.', '-' or '_', not starting with '.': '" + name + "'.", nameof(name));
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.' && c != '-' && c != '_')
            {
                throw new ArgumentException("A shared mailbox name is 1 to 100 letters, digits, '.', '-' or '_', not starting with '.': '" + name + "'.", nameof(name));
            }
        }
    }

    /// <summary>Maps the file; a new one (<paramref name="format"/> given) is formatted before anything reads it.</summary>
    private static SharedMailbox Map(string path, FileStream stream, long size, SharedMailboxOptions? format)
    {
        FileIdentity identity = FileIdentity.Of(path, stream.SafeFileHandle);
        MemoryMappedFile file = MemoryMappedFile.CreateFromFile(stream, null, size, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
        MemoryMappedViewAccessor view = file.CreateViewAccessor(0, size, MemoryMappedFileAccess.ReadWrite);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        pointer += view.PointerOffset;
        if (format != null)
        {
            Format(pointer, format);
        }

        var mailbox = new SharedMailbox(path, file, view, pointer);
        try
        {
            mailbox.WatchName(identity);
        }
        catch
        {
            mailbox.Dispose();
            throw;
        }

        return mailbox;
    }

    private static void Format(byte* b, SharedMailboxOptions options)
    {
        *(ulong*)(b + SegmentLayout.MagicOffset) = SegmentLayout.Magic;
        *(int*)(b + SegmentLayout.VersionOffset) = SegmentLayout.Version;
        *(int*)(b + SegmentLayout.HeaderBytesOffset) = SegmentLayout.HeaderBytes;
        *(int*)(b + SegmentLayout.SlotSizeOffset) = options.SlotSize;
        *(int*)(b + SegmentLayout.SlotStrideOffset) = SegmentLayout.StrideOf(options.SlotSize);
        *(int*)(b + SegmentLayout.CapacityOffset) = options.Capacity;
        *(int*)(b + SegmentLayout.OverflowOffset) = (int)options.Overflow;
        *(int*)(b + SegmentLayout.CreatorPidOffset) = Environment.ProcessId;
        *(long*)(b + SegmentLayout.CreatorStartOffset) = ProcessLiveness.OwnStartTime;
        long generation = Random.Shared.NextInt64() | 1; // not a secret, only distinct: no OpenSSL needed
        *(long*)(b + SegmentLayout.GenerationOffset) = generation;
        *(long*)(b + SegmentLayout.FileSizeOffset) = SegmentLayout.FileSizeOf(options.Capacity, options.SlotSize);
        new SharedRing(b, options.Capacity, options.SlotSize).Format();
        Interlocked.MemoryBarrier();
    }

    private static void Publish(string temporary, string path, bool replace)
    {
        if (Native.Link(temporary, path) == 0)
        {
            return;
        }

        int errno = Native.LastError;
        if (errno != Native.EEXIST)
        {
            throw new SharedSegmentException(path, "cannot create: " + Native.ErrorText(errno));
        }

        if (!replace)
        {
            throw new SharedSegmentException(path, "exists already: another process uses this name, or a run that ended without removing it left it behind");
        }

        try
        {
            using SharedMailbox old = OpenPath(path);
            old.Close(); // processes still attached to the old one wake with Closed
        }
        catch (SharedSegmentException)
        {
            // Not a valid segment: nothing can be attached to it; it is replaced all the same.
        }

        File.Delete(path);
        if (Native.Link(temporary, path) != 0)
        {
            throw new SharedSegmentException(path, "cannot create: " + Native.ErrorText(Native.LastError));
        }
    }
}
