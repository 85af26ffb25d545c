using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Threading;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Mqtt.Tests.Broker;

/// <summary>
/// What a user's subscriber sees (Node-RED, Home Assistant, mosquitto_sub): a bare MQTTnet client subscribed to a
/// filter, collecting every message. With <c>persistent</c>, its session outlives its connection and the broker's
/// restart (with a persistent broker), so nothing published meanwhile is lost to it.
/// </summary>
internal sealed class TestSubscriber : IDisposable
{
    private static readonly TimeSpan s_hangBound = TimeSpan.FromSeconds(60);
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly string _filter;
    private readonly MqttQualityOfServiceLevel _qos;

    private TestSubscriber(IMqttClient client, MqttClientOptions options, string filter, int qos)
    {
        _client = client;
        _options = options;
        _filter = filter;
        _qos = (MqttQualityOfServiceLevel)qos;
    }

    public BlockingCollection<(string Topic, byte[] Payload, bool Retained)> Messages { get; } = new BlockingCollection<(string, byte[], bool)>();

    public static TestSubscriber Start(Mosquitto broker, string filter, int qos = 1, bool persistent = false, string? user = null, string? password = null)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("test-subscriber-" + Guid.NewGuid().ToString("N").Substring(0, 8))
            .WithCleanStart(!persistent)
            .WithSessionExpiryInterval(persistent ? 3600u : 0u);
        if (user != null)
        {
            builder.WithCredentials(user, password);
        }

        var subscriber = new TestSubscriber(client, builder.Build(), filter, qos);
        client.ApplicationMessageReceivedAsync += e =>
        {
            subscriber.Messages.Add((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain));
            return System.Threading.Tasks.Task.CompletedTask;
        };
        subscriber.Connect();
        return subscriber;
    }

    /// <summary>Connects (again) and subscribes.</summary>
    public void Connect()
    {
        using var cancel = new CancellationTokenSource(s_hangBound);
        _client.ConnectAsync(_options, cancel.Token).GetAwaiter().GetResult();
        _client.SubscribeAsync(new MqttClientFactory().CreateSubscribeOptionsBuilder().WithTopicFilter(_filter, _qos).Build(), cancel.Token).GetAwaiter().GetResult();
    }

    /// <summary>Takes the next message; fails the test when none comes within the hang bound.</summary>
    public (string Topic, byte[] Payload, bool Retained) Take()
    {
        if (!Messages.TryTake(out var message, s_hangBound))
        {
            Assert.Fail("no message on '" + _filter + "' within " + s_hangBound);
        }

        return message;
    }

    public void Dispose()
    {
        _client.Dispose();
        Messages.Dispose();
    }
}
