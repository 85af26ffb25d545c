using System;
using System.Buffers;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Edge.Benchmarks.Mqtt;

/// <summary>
/// The peer: a bare MQTTnet publishing loop, one thread awaiting each publish of a 64-byte payload (the size of
/// Edge's bridge frame of a 40-byte message) before the next, to the same broker and an identical subscriber.
/// </summary>
internal sealed class BareMqttnetPath : LatencyContender
{
    private readonly IMqttClient _client;
    private readonly MqttApplicationMessage _message;
    private readonly CountingSubscriber _subscriber;
    private readonly bool _latency;

    public BareMqttnetPath(BenchmarkBroker broker, int qos, bool latency, int maxOperations)
        : base("bare MQTTnet loop", ContenderRole.Peer, maxOperations)
    {
        _latency = latency;
        string topic = "bench/bare/" + qos + (latency ? "/latency" : "/throughput");
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("bench-bare-" + qos + (latency ? "-l" : "-t")).Build()).GetAwaiter().GetResult();
        _message = new MqttApplicationMessage { Topic = topic, QualityOfServiceLevel = (MqttQualityOfServiceLevel)qos, Payload = new ReadOnlySequence<byte>(new byte[64]) };
        _subscriber = new CountingSubscriber(broker, topic, qos);
    }

    public override void Run(int operations)
    {
        if (!_latency)
        {
            _subscriber.Expect(operations);
            for (int i = 0; i < operations; i++)
            {
                _client.PublishAsync(_message).GetAwaiter().GetResult();
            }

            _subscriber.Wait();
            return;
        }

        for (int i = 0; i < operations; i++)
        {
            _subscriber.Expect(1);
            long start = Stopwatch.GetTimestamp();
            _client.PublishAsync(_message).GetAwaiter().GetResult();
            _subscriber.Wait();
            Samples[i] = _subscriber.LastArrival - start;
        }
    }

    public override void Dispose()
    {
        _client.Dispose();
        _subscriber.Dispose();
    }
}
