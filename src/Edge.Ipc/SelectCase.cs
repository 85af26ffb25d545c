namespace Edge.Ipc;

/// <summary>
/// One case of a <see cref="Selector.Select"/>: receive a message from a buffer, or send a message to it.
/// Make the cases once, while wiring, and reuse them: a select reads them and never keeps them past its return.
/// A send case's payload stays in its array until the case happens, so leave that range alone while a select
/// over it runs; <see cref="SetPayload"/> changes it between selects.
/// </summary>
public sealed class SelectCase
{
    private SelectCase(BoundedBuffer buffer, bool isSend)
    {
        if (buffer == null)
        {
            ThrowHelper.ThrowArgumentNull("buffer");
        }

        Buffer = buffer;
        IsSend = isSend;
    }

    /// <summary>A case that receives one message from <paramref name="buffer"/>.</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="buffer"/> is null.</exception>
    public static SelectCase Receive(BoundedBuffer buffer) => new SelectCase(buffer, isSend: false);

    /// <summary>A case that sends <paramref name="count"/> bytes of <paramref name="payload"/> with <paramref name="tag"/> to <paramref name="buffer"/>.</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="buffer"/> or <paramref name="payload"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">The range is invalid.</exception>
    /// <exception cref="System.ArgumentException">The payload is larger than the buffer's slots.</exception>
    public static SelectCase Send(BoundedBuffer buffer, byte[] payload, int offset, int count, int tag)
    {
        var c = new SelectCase(buffer, isSend: true);
        c.SetPayload(payload, offset, count, tag);
        return c;
    }

    /// <summary>The buffer this case sends to or receives from.</summary>
    public BoundedBuffer Buffer { get; }

    /// <summary>True for a send case, false for a receive case.</summary>
    public bool IsSend { get; }

    /// <summary>A send case's payload array; null for a receive case.</summary>
    public byte[]? Payload { get; private set; }

    /// <summary>Where a send case's payload starts in <see cref="Payload"/>.</summary>
    public int Offset { get; private set; }

    /// <summary>A send case's payload length in bytes.</summary>
    public int Count { get; private set; }

    /// <summary>A send case's tag, delivered with its message.</summary>
    public int Tag { get; private set; }

    /// <summary>
    /// Sets the message a send case sends next. Never allocates; call it between selects, not while one over
    /// this case runs.
    /// </summary>
    /// <exception cref="System.InvalidOperationException">This is a receive case.</exception>
    /// <exception cref="System.ArgumentNullException"><paramref name="payload"/> is null.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">The range is invalid.</exception>
    /// <exception cref="System.ArgumentException">The payload is larger than the buffer's slots.</exception>
    public void SetPayload(byte[] payload, int offset, int count, int tag)
    {
        if (!IsSend)
        {
            ThrowHelper.ThrowInvalidOperation("A receive case of '" + Buffer.Name + "' carries no payload.");
        }

        ThrowHelper.ValidateRange(payload, offset, count, "payload");
        CheckFits(count);
        Payload = payload;
        Offset = offset;
        Count = count;
        Tag = tag;
    }

    /// <summary>Throws when a payload of <paramref name="count"/> bytes would not fit the buffer's slots.</summary>
    private void CheckFits(int count)
    {
        if (count > Buffer.SlotSize)
        {
            ThrowHelper.ThrowArgument(
                "payload",
                "Payload of " + count + " bytes does not fit the " + Buffer.SlotSize + "-byte slots of '" + Buffer.Name + "'.");
        }
    }

    /// <inheritdoc />
    public override string ToString() => (IsSend ? "send to '" : "receive from '") + Buffer.Name + "'";
}
