using System;

namespace Edge.Benchmarks.CrossProcess;

/// <summary>The one peer process of a benchmark run, started when the first cross-process scenario needs it and ended with the run.</summary>
internal sealed class PeerSlot : IDisposable
{
    private PeerProcess? _peer;

    public PeerProcess Peer => _peer ??= PeerProcess.Start();

    public void Dispose() => _peer?.Dispose();
}
