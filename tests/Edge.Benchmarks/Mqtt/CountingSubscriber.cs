using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Threading;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Edge.Benchmarks.Mqtt;

/// <summary>
/// The subscriber at the far end, as a user's would be: a bare MQTTnet client. It counts what arrives and, for latency,
/// notes when the message stamped by the sender arrived.
/// </summary>
internal sealed class CountingSubscriber : IDisposable
{
    private readonly IMqttClient _client;
    private readonly ManualResetEventSlim _done = new ManualResetEventSlim(false);
    private long _received;
    private long _target;

    public CountingSubscriber(BenchmarkBroker broker, string topic, int qos)
    {
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            LastArrival = Stopwatch.GetTimestamp();
            if (Interlocked.Increment(ref _received) >= Volatile.Read(ref _target))
            {
                _done.Set();
            }

            return System.Threading.Tasks.Task.CompletedTask;
        };
        _client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MqttProtocolVersion.V500).Build()).GetAwaiter().GetResult();
        _client.SubscribeAsync(new MqttClientFactory().CreateSubscribeOptionsBuilder().WithTopicFilter(topic, (MqttQualityOfServiceLevel)qos).Build()).GetAwaiter().GetResult();
    }

    /// <summary>Stopwatch ticks when the last message arrived.</summary>
    public long LastArrival { get; private set; }

    /// <summary>Expects <paramref name="count"/> more messages.</summary>
    public void Expect(long count)
    {
        _done.Reset();
        Volatile.Write(ref _target, Interlocked.Read(ref _received) + count);
    }

    /// <summary>Waits for the expected messages; a hang bound only.</summary>
    public void Wait()
    {
        if (!_done.Wait(TimeSpan.FromMinutes(2)))
        {
            throw new TimeoutException("the subscriber got " + Interlocked.Read(ref _received) + " of " + Volatile.Read(ref _target) + " messages");
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _done.Dispose();
    }
}
