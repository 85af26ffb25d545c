using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Threading;
using Edge.Ipc;
using Edge.Mqtt.Tests.Broker;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Mqtt.Tests;

[TestClass]
public sealed class SubscriberTests
{
    [TestMethod]
    public void Subscriber_BrokerKilledAndRestarted_ReconnectsAndGetsWhatWasPublishedMeanwhile()
    {
        // Steps: a persistent broker; a subscriber that keeps its session, at QoS 1; message 1 arrives; the broker is
        // killed and restarted; a publisher sends messages 2 to 50 while the subscriber may still be reconnecting.
        // Expected: the subscriber reconnects by itself (reconnects = 1) and receives 1 to 50, in order.
        using Mosquitto broker = Mosquitto.Start(persistent: true);
        Assert.IsTrue(MqttBrokerAddress.TryParse(broker.Url, out MqttBrokerAddress? address, out string problem), problem);
        var received = new BlockingCollection<int>();
        var endpoint = new MqttEndpoint(address!, "edge-subscriber-test", MqttSecurity.None) { SessionExpirySeconds = 3600, KeepAlive = TimeSpan.FromSeconds(5) };
        using var subscriber = new MqttSubscriber(
            endpoint,
            new[] { "edge/sub/+" },
            1,
            (topic, payload, cancel) => received.Add(Sequence(payload)),
            TimeSpan.FromMilliseconds(20),
            TimeSpan.FromMilliseconds(500));
        subscriber.Connect();
        using (MqttPublisher first = PublisherTests.Publisher(broker, "edge/sub/a", 1, 64, OverflowPolicy.RefuseNewest))
        {
            first.Connect();
            first.Start();
            first.Post(new byte[8], PublisherTests.Header(1));
            Assert.IsTrue(first.Stop(TimeSpan.FromSeconds(60)));
        }

        Assert.IsTrue(received.TryTake(out int one, TimeSpan.FromSeconds(60)));
        Assert.AreEqual(1, one);

        broker.Kill();
        broker.Restart();
        using MqttPublisher publisher = PublisherTests.Publisher(broker, "edge/sub/a", 1, 64, OverflowPolicy.RefuseNewest);
        publisher.Connect();
        publisher.Start();
        for (int i = 2; i <= 50; i++)
        {
            publisher.Post(new byte[8], PublisherTests.Header(i));
        }

        Assert.IsTrue(publisher.Stop(TimeSpan.FromSeconds(60)));
        for (int i = 2; i <= 50; i++)
        {
            Assert.IsTrue(received.TryTake(out int next, TimeSpan.FromSeconds(60)), "message " + i + " did not arrive");
            Assert.AreEqual(i, next);
        }

        Assert.AreEqual(1L, subscriber.Reconnects);
        Assert.AreEqual(50L, subscriber.Received);
        subscriber.Stop();
    }

    private static int Sequence(ReadOnlySequence<byte> payload)
    {
        Assert.IsTrue(BridgeFrame.TryRead(payload.ToArray(), out MessageInfo header, out string? problem), problem);
        return header.Sequence;
    }
}
