using System;

namespace Edge.Benchmarks;

/// <summary>
/// A byte array for one thread's copy of a message, with a cache line of padding on each side. Two small arrays
/// allocated one after the other share a cache line, so a producer's buffer and its consumer's would bounce
/// between the cores on every message (false sharing) and charge the contender for it.
/// </summary>
internal static class ThreadBuffer
{
    /// <summary>Where the message starts in the array.</summary>
    public const int Offset = 64;

    public static byte[] Create() => new byte[Offset + Message64.Size + 64];

    /// <summary>The message's bytes in the array.</summary>
    public static Span<byte> Message(byte[] buffer) => buffer.AsSpan(Offset, Message64.Size);
}
