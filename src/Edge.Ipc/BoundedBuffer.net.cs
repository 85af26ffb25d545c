using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Edge.Ipc;

/// <summary>
/// .NET-only forms of the buffer's operations: spans and unmanaged structs, copied straight between the
/// caller's memory and the slot with no intermediate array. Same semantics, statuses and blocking rules
/// as the portable forms in BoundedBuffer.Send.cs, .Receive.cs and .Post.cs.
/// </summary>
public partial class BoundedBuffer
{
    /// <summary>Sends a copy of <paramref name="payload"/>. As <see cref="Send(EdgeTask, byte[], int, int, int, int)"/>.</summary>
    /// <remarks>May block (unless <paramref name="timeoutMs"/> is 0). Not for interrupt or driver callbacks.</remarks>
    public IpcStatus Send(EdgeTask sender, ReadOnlySpan<byte> payload, int tag, int timeoutMs)
    {
        ValidateSender(sender);
        ThrowHelper.ValidateTimeout(timeoutMs);
        return SendCore(sender, new PayloadSource(payload), tag, StampNow, timeoutMs, urgent: false);
    }

    /// <summary>
    /// Sends a copy of <paramref name="payload"/> stamped with <paramref name="timestamp"/>. As
    /// <see cref="Send(EdgeTask, byte[], int, int, int, int, long)"/>.
    /// </summary>
    /// <remarks>May block (unless <paramref name="timeoutMs"/> is 0). Not for interrupt or driver callbacks.</remarks>
    public IpcStatus Send(EdgeTask sender, ReadOnlySpan<byte> payload, int tag, int timeoutMs, long timestamp)
    {
        ValidateSender(sender);
        ThrowHelper.ValidateTimeout(timeoutMs);
        ValidateTimestamp(timestamp);
        return SendCore(sender, new PayloadSource(payload), tag, timestamp, timeoutMs, urgent: false);
    }

    /// <summary>Sends the bytes of <paramref name="value"/>. As <see cref="Send(EdgeTask, byte[], int, int, int, int)"/>.</summary>
    /// <remarks>May block (unless <paramref name="timeoutMs"/> is 0). Not for interrupt or driver callbacks.</remarks>
    public IpcStatus Send<T>(EdgeTask sender, in T value, int tag, int timeoutMs)
        where T : unmanaged =>
        Send(sender, MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)), tag, timeoutMs);

    /// <summary>
    /// Sends the bytes of <paramref name="value"/> stamped with <paramref name="timestamp"/>, the time its data was
    /// taken, without reading the clock. As <see cref="Send(EdgeTask, byte[], int, int, int, int, long)"/>.
    /// </summary>
    /// <remarks>May block (unless <paramref name="timeoutMs"/> is 0). Not for interrupt or driver callbacks.</remarks>
    public IpcStatus Send<T>(EdgeTask sender, in T value, int tag, int timeoutMs, long timestamp)
        where T : unmanaged =>
        Send(sender, MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)), tag, timeoutMs, timestamp);

    /// <summary>Posts a copy of <paramref name="payload"/>. As <see cref="Post(byte[], int, int, int, long)"/>.</summary>
    /// <remarks>Never blocks, never allocates, never runs user code: safe from an interrupt or driver callback.</remarks>
    public IpcStatus Post(ReadOnlySpan<byte> payload, int tag, long timestamp)
    {
        ValidateTimestamp(timestamp);
        return PostCore(new PayloadSource(payload), tag, timestamp);
    }

    /// <summary>Posts the bytes of <paramref name="value"/>. As <see cref="Post(byte[], int, int, int, long)"/>.</summary>
    /// <remarks>Never blocks, never allocates, never runs user code: safe from an interrupt or driver callback.</remarks>
    public IpcStatus Post<T>(in T value, int tag, long timestamp)
        where T : unmanaged
    {
        ValidateTimestamp(timestamp);
        return PostCore(new PayloadSource(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value))), tag, timestamp);
    }

    /// <summary>
    /// Receives into <paramref name="destination"/>, which must have room for <see cref="SlotSize"/> bytes.
    /// As <see cref="Receive(EdgeTask, byte[], int, out MessageInfo, int)"/>.
    /// </summary>
    /// <remarks>May block (unless <paramref name="timeoutMs"/> is 0). Not for interrupt or driver callbacks.</remarks>
    public IpcStatus Receive(EdgeTask receiver, Span<byte> destination, out MessageInfo info, int timeoutMs)
    {
        CheckTask(receiver, "receiver");
        if (destination.Length < SlotSize)
        {
            ThrowDestinationTooSmall(destination.Length);
        }

        ThrowHelper.ValidateTimeout(timeoutMs);
        PayloadTarget target = new PayloadTarget(destination);
        return ReceiveCore(receiver, ref target, out info, timeoutMs);
    }

    /// <summary>
    /// Receives a message into <paramref name="value"/>. The slot size must be at least the size of
    /// <typeparamref name="T"/>; a shorter message fills the first <see cref="MessageInfo.Length"/> bytes and
    /// leaves the rest zero, a longer one is cut to the size of <typeparamref name="T"/> (its
    /// <see cref="MessageInfo.Length"/> still says what was sent). As <see cref="Receive(EdgeTask, byte[], int, out MessageInfo, int)"/>.
    /// </summary>
    /// <remarks>May block (unless <paramref name="timeoutMs"/> is 0). Not for interrupt or driver callbacks.</remarks>
    /// <exception cref="ArgumentException">The slot size is smaller than <typeparamref name="T"/>.</exception>
    public IpcStatus Receive<T>(EdgeTask receiver, out T value, out MessageInfo info, int timeoutMs)
        where T : unmanaged
    {
        CheckTask(receiver, "receiver");
        if (Unsafe.SizeOf<T>() > SlotSize)
        {
            ThrowHelper.ThrowArgument(
                "value",
                typeof(T).Name + " is " + Unsafe.SizeOf<T>() + " bytes but '" + Name + "' has " + SlotSize + "-byte slots.");
        }

        ThrowHelper.ValidateTimeout(timeoutMs);
        value = default;
        PayloadTarget target = new PayloadTarget(MemoryMarshal.AsBytes(new Span<T>(ref value)));
        return ReceiveCore(receiver, ref target, out info, timeoutMs);
    }
}
