using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Edge.Benchmarks.CrossProcess;

/// <summary>
/// xproc-throughput: this process streams 64-byte messages to the peer process over Edge's shared mailbox (capacity
/// <see cref="PeerProtocol.StreamCapacity"/>), a Unix socket and a pipe, one message per call; messages per second
/// from the first send until the peer reports the last one received.
/// </summary>
internal sealed class CrossProcessThroughputScenario : Scenario
{
    private readonly Metric[] _metrics =
    {
        new Metric("xproc-throughput", "msg/s", HigherIsBetter: true, new Target(Transports.UnixSocketName, Ratio: 3, Aim: 3)),
    };

    private readonly RunSettings _settings;
    private readonly PeerSlot _peer;

    public CrossProcessThroughputScenario(RunSettings settings, PeerSlot peer)
    {
        _settings = settings;
        _peer = peer;
    }

    public override string Title =>
        "xproc-throughput: 1 producer process -> 1 consumer process, Edge's shared mailbox (capacity " + PeerProtocol.StreamCapacity + ") against a Unix socket and a pipe, "
        + Message64.Size + "-byte messages, " + Operations.ToString("N0") + " messages per round, median of " + _settings.Rounds + " rounds";

    public override IReadOnlyList<Metric> Metrics => _metrics;

    public override int Operations => _settings.ThroughputMessages;

    public override int WarmupOperations => _settings.ThroughputMessages / 2;

    public override Contender[] CreateContenders() =>
        Transports.All.Select(t => (Contender)new CrossProcessThroughput(_peer.Peer, t)).ToArray();

    public override void Evaluate(Contender contender, int operations, long elapsedTicks, Span<double> values) =>
        values[0] = operations * (double)Stopwatch.Frequency / elapsedTicks;
}
