using System;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Mqtt.Tests;

[TestClass]
public sealed class AllocationTests
{
    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void PostAndTakeNext_SteadyState_AllocateNothingOnEdgesSideOfTheClientCall(bool bridge)
    {
        // Steps: a publisher (never connected: the client call itself is MQTTnet's side) takes 10,000 messages through
        // its outbox: Post on the sink's side, TakeNext (receive, write the payload, point the reused message at it).
        // Expected: 0 bytes allocated on this thread after a warm-up, for bridge frames and raw payloads alike.
        MqttBrokerAddress.TryParse("mqtt://127.0.0.1:1", out MqttBrokerAddress? address, out _);
        var endpoint = new MqttEndpoint(address!, "allocation-test", MqttSecurity.None);
        var options = new MqttPublisherOptions { Topic = "edge/allocation", SlotSize = 40, OutboxCapacity = 64 };
        MqttPayloadWriter writer = bridge ? MqttPayloadWriter.Bridge(40) : MqttPayloadWriter.Raw(40);
        using var publisher = new MqttPublisher(endpoint, options, writer, SystemClock.Instance);
        byte[] message = new byte[40];
        var header = new MessageInfo { Sender = 1, Tag = 2, Sequence = 0, Timestamp = 5 };

        Cycle(publisher, message, ref header, 1000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Cycle(publisher, message, ref header, 10_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.AreEqual(0L, allocated);
        // The last payload is the last message: its sequence in the frame's header, and its bytes after it.
        if (bridge)
        {
            Assert.AreEqual(header.Sequence, BitConverter.ToInt32(publisher.PayloadBuffer, 12));
        }

        Assert.AreEqual(header.Sequence, BitConverter.ToInt32(publisher.PayloadBuffer, bridge ? BridgeFrame.HeaderBytes : 0));
        Assert.AreEqual(bridge ? BridgeFrame.HeaderBytes + 40 : 40, (int)publisher.Message.Payload.Length);
    }

    private static void Cycle(MqttPublisher publisher, byte[] message, ref MessageInfo header, int count)
    {
        for (int i = 0; i < count; i++)
        {
            header.Sequence++;
            BitConverter.TryWriteBytes(message, header.Sequence);
            Assert.AreEqual(IpcStatus.Ok, publisher.Post(message, header));
            Assert.AreEqual(IpcStatus.Ok, publisher.TakeNext(0, out int _));
            publisher.MarkDelivered();
        }
    }
}
