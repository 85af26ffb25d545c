using System;
using System.Diagnostics;
using System.Threading;
using Edge.Ipc;
using Edge.Mqtt;

namespace Edge.Benchmarks.Mqtt;

/// <summary>
/// Edge's path to the broker, as a pipeline wires it: a source posts 40-byte messages into an Edge mailbox; a sink
/// task receives each and posts it into an <see cref="MqttPublisher"/> (what the <c>mqtt</c> sink's Handle does),
/// whose own thread publishes it as a bridge frame; a bare subscriber receives it. Streamed (throughput) or one at
/// a time, each waiting for the previous to arrive (latency: source post to subscriber).
/// </summary>
internal sealed class EdgeMqttPath : LatencyContender
{
    private const int SlotSize = 40;
    private readonly IpcRuntime _runtime;
    private readonly Mailbox _mailbox;
    private readonly EdgeTask _source;
    private readonly MqttPublisher _publisher;
    private readonly CountingSubscriber _subscriber;
    private readonly Thread _sink;
    private readonly bool _latency;
    private readonly byte[] _message = new byte[SlotSize];
    private volatile bool _stop;

    public EdgeMqttPath(BenchmarkBroker broker, int qos, bool latency, int maxOperations)
        : base("Edge mqtt sink", ContenderRole.Edge, maxOperations)
    {
        _latency = latency;
        string topic = "bench/edge/" + qos + (latency ? "/latency" : "/throughput");
        _runtime = new IpcLayout().AddTask("source").AddTask("sink").AddMailbox("readings", 1024, SlotSize).Build(SystemClock.Instance);
        _runtime.Start();
        _mailbox = _runtime.GetMailbox("readings");
        _source = _runtime.GetTask("source");
        MqttBrokerAddress.TryParse(broker.Url, out MqttBrokerAddress? address, out _);
        _publisher = new MqttPublisher(
            new MqttEndpoint(address!, "bench-edge-" + qos + (latency ? "-l" : "-t"), MqttSecurity.None),
            new MqttPublisherOptions { Topic = topic, QualityOfService = qos, SlotSize = SlotSize, OutboxCapacity = 1 << 17, Name = "bench" },
            MqttPayloadWriter.Bridge(SlotSize),
            SystemClock.Instance);
        _subscriber = new CountingSubscriber(broker, topic, qos);
        _publisher.Connect();
        _publisher.Start();
        EdgeTask sinkTask = _runtime.GetTask("sink");
        _sink = new Thread(() => Sink(sinkTask)) { IsBackground = true, Name = "bench-mqtt-sink" };
        _sink.Start();
    }

    public override void Run(int operations)
    {
        if (!_latency)
        {
            _subscriber.Expect(operations);
            for (int i = 0; i < operations; i++)
            {
                _mailbox.Send(_source, _message.AsSpan(), 2, Timeout.Infinite);
            }

            _subscriber.Wait();
            return;
        }

        for (int i = 0; i < operations; i++)
        {
            _subscriber.Expect(1);
            long start = Stopwatch.GetTimestamp();
            _mailbox.Send(_source, _message.AsSpan(), 2, Timeout.Infinite);
            _subscriber.Wait();
            Samples[i] = _subscriber.LastArrival - start;
        }
    }

    public override void Dispose()
    {
        _stop = true;
        _sink.Join();
        MqttPublisherStatistics stats = _publisher.GetStatistics();
        if (stats.Dropped != 0)
        {
            throw new InvalidOperationException("the Edge publisher dropped " + stats.Dropped + " messages");
        }

        _publisher.Dispose();
        _subscriber.Dispose();
        _runtime.Dispose();
    }

    private void Sink(EdgeTask self)
    {
        byte[] buffer = new byte[SlotSize];
        while (!_stop)
        {
            if (_mailbox.Receive(self, buffer.AsSpan(), out MessageInfo info, 100) == IpcStatus.Ok)
            {
                _publisher.Post(buffer.AsSpan(0, info.Length), info);
            }
        }
    }
}
