using System;

namespace Edge.Benchmarks;

/// <summary>
/// One implementation's workload in one scenario. It sets up its threads and buffers once, so that
/// <see cref="Run"/> allocates only what the implementation itself allocates per message.
/// </summary>
internal abstract class Contender : IDisposable
{
    protected Contender(string name, ContenderRole role)
    {
        Name = name;
        Role = role;
    }

    public string Name { get; }

    public ContenderRole Role { get; }

    /// <summary>
    /// For a contender with a peer process: the bytes that process allocated during the last <see cref="Run"/>, as it
    /// reported them; null for a contender whose every thread is in this process.
    /// </summary>
    public long? PeerAllocatedBytes { get; protected set; }

    /// <summary>Moves <paramref name="operations"/> messages (or round trips) and returns when all are done.</summary>
    public abstract void Run(int operations);

    /// <summary>Stops the contender's threads; the default has none.</summary>
    public virtual void Dispose()
    {
    }
}
