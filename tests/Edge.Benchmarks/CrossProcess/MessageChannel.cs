using System;

namespace Edge.Benchmarks.CrossProcess;

/// <summary>
/// One process's ends of a two-way link to the other process, moving one 64-byte message per call and blocking
/// until it can. A failure (a closed link, a short message) is an exception: a failed run, not a slow one.
/// </summary>
internal abstract class MessageChannel : IDisposable
{
    public abstract void Send(ReadOnlySpan<byte> message);

    /// <summary>Fills <paramref name="message"/> with the next message.</summary>
    public abstract void Receive(Span<byte> message);

    public abstract void Dispose();
}
