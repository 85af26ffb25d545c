using System;
using System.Buffers.Binary;
using Edge.Ipc;

namespace Edge.Mqtt;

/// <summary>
/// The payload of a bridged mailbox's message on the wire: a 24-byte header that keeps the message's Edge header
/// (sender, tag, sequence, timestamp) followed by the payload bytes exactly as they were in the slot. All numbers
/// are little-endian.
/// </summary>
/// <remarks>
/// <code>
/// offset  size  field
///      0     2  magic "EB" (0x45 0x42)
///      2     1  version (1)
///      3     1  header length (24)
///      4     4  sender task id on the board that sent it (0 for a post)
///      8     4  tag (the message kind)
///     12     4  sequence number in the sending mailbox (a jump of n means n - 1 were lost; a repeat is a QoS 1 duplicate)
///     16     8  timestamp, nanoseconds on the sending board's clock
///     24     n  payload
/// </code>
/// </remarks>
public static class BridgeFrame
{
    /// <summary>The header's size in bytes.</summary>
    public const int HeaderBytes = 24;

    /// <summary>The frame format's version.</summary>
    public const byte Version = 1;

    /// <summary>Writes a frame. Never allocates.</summary>
    /// <param name="destination">Where; at least <see cref="HeaderBytes"/> plus the payload's length.</param>
    /// <param name="header">The sender, tag, sequence and timestamp to keep (its length is ignored).</param>
    /// <param name="payload">The payload.</param>
    /// <returns>The frame's length.</returns>
    /// <remarks>Never blocks, never allocates. Safe from any thread on its own buffers.</remarks>
    public static int Write(Span<byte> destination, in MessageInfo header, ReadOnlySpan<byte> payload)
    {
        if (destination.Length < HeaderBytes + payload.Length)
        {
            throw new ArgumentException("The destination has " + destination.Length + " bytes; the frame needs " + (HeaderBytes + payload.Length) + ".", nameof(destination));
        }

        destination[0] = (byte)'E';
        destination[1] = (byte)'B';
        destination[2] = Version;
        destination[3] = HeaderBytes;
        BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(4), header.Sender);
        BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(8), header.Tag);
        BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(12), header.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(destination.Slice(16), header.Timestamp);
        payload.CopyTo(destination.Slice(HeaderBytes));
        return HeaderBytes + payload.Length;
    }

    /// <summary>Reads a frame's header.</summary>
    /// <param name="frame">The received bytes.</param>
    /// <param name="header">The sender, tag, sequence, timestamp and payload length.</param>
    /// <param name="problem">Why it is not a frame, when it is not.</param>
    /// <returns>True when <paramref name="frame"/> is a frame of this version; its payload is what follows the header.</returns>
    /// <remarks>Never blocks, never allocates on success. Safe from any thread.</remarks>
    public static bool TryRead(ReadOnlySpan<byte> frame, out MessageInfo header, out string? problem)
    {
        header = default;
        if (frame.Length < HeaderBytes || frame[0] != (byte)'E' || frame[1] != (byte)'B')
        {
            problem = "not an Edge bridge frame (it must start with \"EB\" and be at least " + HeaderBytes + " bytes)";
            return false;
        }

        if (frame[2] != Version || frame[3] != HeaderBytes)
        {
            problem = "an Edge bridge frame of version " + frame[2] + ", which this Edge does not read (it reads version " + Version + ")";
            return false;
        }

        header.Sender = BinaryPrimitives.ReadInt32LittleEndian(frame.Slice(4));
        header.Tag = BinaryPrimitives.ReadInt32LittleEndian(frame.Slice(8));
        header.Sequence = BinaryPrimitives.ReadInt32LittleEndian(frame.Slice(12));
        header.Timestamp = BinaryPrimitives.ReadInt64LittleEndian(frame.Slice(16));
        header.Length = frame.Length - HeaderBytes;
        problem = null;
        return true;
    }
}
