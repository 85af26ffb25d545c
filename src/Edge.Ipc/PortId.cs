namespace Edge.Ipc;

/// <summary>
/// The unique id of a mailbox: the runtime that issued it, a registry index and a generation. Recycling a
/// mailbox gives it a new generation, so an id held from before is refused as stale rather than aliased to
/// the new mailbox; an id issued by another runtime is refused rather than opening whatever mailbox this
/// runtime keeps at the same index. The default value, <see cref="None"/>, names no mailbox.
/// </summary>
public readonly struct PortId
{
    internal const int IndexBits = 10;
    internal const int IndexMask = (1 << IndexBits) - 1;

    /// <summary>The largest number of mailboxes one runtime can register.</summary>
    public const int MaxMailboxes = 1 << IndexBits;

    /// <summary>Generations run from 1 to this value; a slot whose generations are spent is retired for good.</summary>
    public const int MaxGeneration = (int.MaxValue >> IndexBits) - 1;

    // Generation and index in one word; the issuing runtime's id beside it.
    private readonly int _local;

    internal PortId(int runtime, int index, int generation)
    {
        Runtime = runtime;
        _local = (generation << IndexBits) | index;
    }

    /// <summary>No mailbox.</summary>
    public static readonly PortId None = new PortId(0, 0, 0);

    /// <summary>
    /// The id as one integer, for storing in a message or a log: the runtime's id in the high 32 bits, the
    /// generation and index in the low ones. <see cref="FromValue"/> restores it.
    /// </summary>
    public long Value => ((long)Runtime << 32) | (uint)_local;

    /// <summary>The <see cref="IpcRuntime.Id"/> of the runtime that issued the id (0 for <see cref="None"/>).</summary>
    public int Runtime { get; }

    /// <summary>The mailbox's index in the runtime's registry.</summary>
    public int Index => _local & IndexMask;

    /// <summary>The generation: 1 for a mailbox as built, one more each time it is recycled.</summary>
    public int Generation => _local >> IndexBits;

    /// <summary>Restores an id from <see cref="Value"/>. The runtime checks it when it is used.</summary>
    public static PortId FromValue(long value)
    {
        int local = (int)(value & 0x7FFFFFFF);
        return new PortId((int)(value >> 32), local & IndexMask, local >> IndexBits);
    }

    /// <summary>Whether both ids name the same mailbox generation of the same runtime.</summary>
    public static bool operator ==(PortId left, PortId right) => left._local == right._local && left.Runtime == right.Runtime;

    /// <summary>Whether the ids differ.</summary>
    public static bool operator !=(PortId left, PortId right) => !(left == right);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PortId other && other == this;

    /// <inheritdoc />
    public override int GetHashCode() => _local ^ (Runtime * 31);

    /// <summary>"port INDEX.GENERATION of runtime RUNTIME".</summary>
    public override string ToString() => "port " + Index + "." + Generation + " of runtime " + Runtime;
}
