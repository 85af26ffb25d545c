using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Edge.Benchmarks.Mqtt;

/// <summary>
/// mqtt-throughput-qosN: messages per second from the source's first post to the subscriber holding the last one,
/// through the local broker; Edge's mailbox, sink and publisher against a bare MQTTnet publishing loop.
/// </summary>
internal sealed class MqttThroughputScenario : Scenario
{
    private readonly RunSettings _settings;
    private readonly BenchmarkBroker _broker;
    private readonly int _qos;
    private readonly Metric[] _metrics;

    public MqttThroughputScenario(RunSettings settings, BenchmarkBroker broker, int qos)
    {
        _settings = settings;
        _broker = broker;
        _qos = qos;
        _metrics = new[] { new Metric("mqtt-throughput-qos" + qos, "msg/s", HigherIsBetter: true) };
    }

    public override string Title =>
        "mqtt-throughput-qos" + _qos + ": source -> Edge mailbox -> mqtt sink -> outbox -> MQTTnet -> local Mosquitto -> subscriber, against a bare MQTTnet loop; "
        + Operations.ToString("N0") + " messages per round, median of " + _settings.Rounds + " rounds";

    public override IReadOnlyList<Metric> Metrics => _metrics;

    public override int Operations => _settings.ThroughputMessages / 10;

    public override int WarmupOperations => Operations / 4;

    public override Contender[] CreateContenders() => new Contender[]
    {
        new EdgeMqttPath(_broker, _qos, latency: false, 1),
        new BareMqttnetPath(_broker, _qos, latency: false, 1),
    };

    public override void Evaluate(Contender contender, int operations, long elapsedTicks, Span<double> values) =>
        values[0] = operations * (double)Stopwatch.Frequency / elapsedTicks;
}
