namespace Edge.Benchmarks.Mqtt;

/// <summary>
/// mqtt-latency-qosN-p50 and -p99: from the source posting one message to the subscriber receiving it through the
/// local broker, one message at a time; Edge's mailbox, sink and publisher against a bare MQTTnet publish.
/// </summary>
internal sealed class MqttLatencyScenario : LatencyScenario
{
    private readonly RunSettings _settings;
    private readonly BenchmarkBroker _broker;
    private readonly int _qos;

    public MqttLatencyScenario(RunSettings settings, BenchmarkBroker broker, int qos)
        : base("mqtt-latency-qos" + qos + "-p50", "mqtt-latency-qos" + qos + "-p99")
    {
        _settings = settings;
        _broker = broker;
        _qos = qos;
    }

    public override string Title =>
        "mqtt-latency-qos" + _qos + ": source post -> subscriber receive through local Mosquitto, one message at a time, "
        + Operations.ToString("N0") + " per round, median of " + _settings.Rounds + " rounds";

    public override int Operations => _settings.RoundTripSamples / 2;

    public override int WarmupOperations => Operations / 4;

    public override Contender[] CreateContenders() => new Contender[]
    {
        new EdgeMqttPath(_broker, _qos, latency: true, Operations),
        new BareMqttnetPath(_broker, _qos, latency: true, Operations),
    };
}
