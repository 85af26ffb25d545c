namespace Edge.Ipc;

/// <summary>
/// The unique id of a mailbox: a registry index and a generation. Recycling a mailbox gives it a new
/// generation, so an id held from before is refused as stale rather than aliased to the new mailbox.
/// The default value, <see cref="None"/>, names no mailbox.
/// </summary>
public readonly struct PortId
{
    internal const int IndexBits = 10;
    internal const int IndexMask = (1 << IndexBits) - 1;

    /// <summary>The largest number of mailboxes one runtime can register.</summary>
    public const int MaxMailboxes = 1 << IndexBits;

    /// <summary>Generations run from 1 to this value; a slot whose generations are spent is retired for good.</summary>
    public const int MaxGeneration = (int.MaxValue >> IndexBits) - 1;

    internal PortId(int index, int generation)
    {
        Value = (generation << IndexBits) | index;
    }

    private PortId(int value)
    {
        Value = value;
    }

    /// <summary>No mailbox.</summary>
    public static readonly PortId None = new PortId(0);

    /// <summary>The id as one integer, for storing in a message or a log; <see cref="FromValue"/> restores it.</summary>
    public int Value { get; }

    /// <summary>The mailbox's index in the runtime's registry.</summary>
    public int Index => Value & IndexMask;

    /// <summary>The generation: 1 for a mailbox as built, one more each time it is recycled.</summary>
    public int Generation => Value >> IndexBits;

    /// <summary>Restores an id from <see cref="Value"/>. The runtime checks it when it is used.</summary>
    public static PortId FromValue(int value) => new PortId(value);

    /// <summary>Whether both ids name the same mailbox generation.</summary>
    public static bool operator ==(PortId left, PortId right) => left.Value == right.Value;

    /// <summary>Whether the ids differ.</summary>
    public static bool operator !=(PortId left, PortId right) => left.Value != right.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PortId other && other.Value == Value;

    /// <inheritdoc />
    public override int GetHashCode() => Value;

    /// <summary>"port INDEX.GENERATION".</summary>
    public override string ToString() => "port " + Index + "." + Generation;
}
