using System;
using Edge.Ipc;

namespace Edge.Mqtt;

/// <summary>
/// Turns one Edge message into the payload of one MQTT message, in the publisher's own buffer. A writer for a fixed
/// binary form allocates nothing; one for text may.
/// </summary>
public abstract class MqttPayloadWriter
{
    /// <summary>The largest payload this writer makes for a message of the publisher's slot size; the buffer's size.</summary>
    public abstract int MaxBytes { get; }

    /// <summary>True when <see cref="Write"/> allocates nothing.</summary>
    public virtual bool IsAllocationFree => false;

    /// <summary>Writes the payload of <paramref name="message"/>.</summary>
    /// <param name="message">The message's bytes, as in its slot.</param>
    /// <param name="header">Its header: sender and sequence as in the mailbox it came from, tag, source timestamp.</param>
    /// <param name="nowNanoseconds">The clock's time now (for a record's wall-clock time).</param>
    /// <param name="destination">Where, <see cref="MaxBytes"/> long.</param>
    /// <returns>The payload's length.</returns>
    /// <remarks>Called on the publisher's thread only.</remarks>
    public abstract int Write(ReadOnlySpan<byte> message, in MessageInfo header, long nowNanoseconds, Span<byte> destination);

    /// <summary>The message's bytes unchanged: the payload is the slot.</summary>
    /// <param name="slotSize">The largest message.</param>
    /// <returns>The writer.</returns>
    public static MqttPayloadWriter Raw(int slotSize) => new RawWriter(slotSize);

    /// <summary>A <see cref="BridgeFrame"/>: the Edge header, then the slot's bytes.</summary>
    /// <param name="slotSize">The largest message.</param>
    /// <returns>The writer.</returns>
    public static MqttPayloadWriter Bridge(int slotSize) => new BridgeWriter(slotSize);

    private sealed class RawWriter : MqttPayloadWriter
    {
        private readonly int _size;

        public RawWriter(int size) => _size = size;

        public override int MaxBytes => _size;

        public override bool IsAllocationFree => true;

        public override int Write(ReadOnlySpan<byte> message, in MessageInfo header, long nowNanoseconds, Span<byte> destination)
        {
            message.CopyTo(destination);
            return message.Length;
        }
    }

    private sealed class BridgeWriter : MqttPayloadWriter
    {
        private readonly int _size;

        public BridgeWriter(int size) => _size = size;

        public override int MaxBytes => BridgeFrame.HeaderBytes + _size;

        public override bool IsAllocationFree => true;

        public override int Write(ReadOnlySpan<byte> message, in MessageInfo header, long nowNanoseconds, Span<byte> destination) =>
            BridgeFrame.Write(destination, header, message);
    }
}
