using System.Collections.Generic;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

/// <summary>
/// Sequence numbers follow delivery order when urgent messages go ahead, so that "a jump of n means n - 1
/// messages were missed" stays exact.
/// </summary>
[TestClass]
public sealed class UrgentSequenceTests
{
    [TestMethod]
    public void SendUrgent_AfterTwoSends_DeliveryIsNumberedConsecutively()
    {
        using IpcRuntime runtime = TestRig.Build(1, 4, 8);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        box.TrySend(self, TestRig.Bytes(1), 0, 4, 0);
        box.TrySend(self, TestRig.Bytes(2), 0, 4, 0);
        box.SendUrgent(self, TestRig.Bytes(3), 0, 4, 0, 0);

        (List<int> values, List<int> sequences) = Drain(box, self, 8);

        CollectionAssert.AreEqual(new[] { 3, 1, 2 }, values);
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, sequences);
    }

    [TestMethod]
    public void SendUrgent_OnEmptyBuffer_TakesTheNextNumber()
    {
        using IpcRuntime runtime = TestRig.Build(1, 4, 8);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        box.TrySend(self, TestRig.Bytes(1), 0, 4, 0);
        Drain(box, self, 8);

        box.SendUrgent(self, TestRig.Bytes(2), 0, 4, 0, 0);
        box.TrySend(self, TestRig.Bytes(3), 0, 4, 0);

        CollectionAssert.AreEqual(new[] { 2, 3 }, Drain(box, self, 8).Sequences);
    }

    [TestMethod]
    public void SendUrgent_BehindARefusedPost_KeepsTheGapWhereTheLossWas()
    {
        // 1, 2, 4 sent (numbers 1-3); 1 taken; 5 sent (4); a post refused (5 spent); 2 taken; an urgent 9 goes
        // ahead of 4 and 5. The refused post's gap must stay after 5, where the loss happened.
        using IpcRuntime runtime = TestRig.Build(1, 3, 8);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        box.TrySend(self, TestRig.Bytes(1), 0, 4, 0);
        box.TrySend(self, TestRig.Bytes(2), 0, 4, 0);
        box.TrySend(self, TestRig.Bytes(4), 0, 4, 0);
        var dest = new byte[8];
        box.TryReceive(self, dest, out _);
        box.TrySend(self, TestRig.Bytes(5), 0, 4, 0);
        Assert.AreEqual(IpcStatus.Full, box.Post(TestRig.Bytes(6), 0, 4, 0));
        Assert.AreEqual(1, box.GetStatistics().Dropped);

        box.TryReceive(self, dest, out _);
        box.SendUrgent(self, TestRig.Bytes(9), 0, 4, 0, 0);

        (List<int> values, List<int> sequences) = Drain(box, self, 8);
        CollectionAssert.AreEqual(new[] { 9, 4, 5 }, values);
        CollectionAssert.AreEqual(new[] { 3, 4, 5 }, sequences, "Delivered so far: 1, 2; 9 goes ahead of 4 and 5; the refused post's number 6 is next.");
        box.TrySend(self, TestRig.Bytes(7), 0, 4, 0);
        CollectionAssert.AreEqual(new[] { 7 }, Drain(box, self, 8).Sequences, "The refused post left a gap of one: 5, then 7.");
    }

    [TestMethod]
    public void SendUrgent_IntoUnboundedBufferWithSpilledMessages_KeepsNumbersInDeliveryOrder()
    {
        var layout = new IpcLayout();
        layout.AddTask("t");
        layout.AddUnboundedBuffer("u", 2, 8);
        using IpcRuntime runtime = layout.Build(new ManualClock());
        BoundedBuffer buffer = runtime.GetBuffer("u");
        EdgeTask self = runtime.GetTask(1);
        for (int i = 1; i <= 5; i++)
        {
            Assert.AreEqual(IpcStatus.Ok, buffer.TrySend(self, TestRig.Bytes(i), 0, 4, 0));
        }

        Assert.AreEqual(IpcStatus.Ok, buffer.SendUrgent(self, TestRig.Bytes(99), 0, 4, 0, 0));

        (List<int> values, List<int> sequences) = Drain(buffer, self, 8);
        CollectionAssert.AreEqual(new[] { 99, 1, 2, 3, 4, 5 }, values);
        CollectionAssert.AreEqual(new[] { 1, 2, 3, 4, 5, 6 }, sequences);
    }

    private static (List<int> Values, List<int> Sequences) Drain(BoundedBuffer box, EdgeTask self, int slot)
    {
        var values = new List<int>();
        var sequences = new List<int>();
        var dest = new byte[slot];
        while (box.TryReceive(self, dest, out MessageInfo info) == IpcStatus.Ok)
        {
            values.Add(TestRig.Int(dest));
            sequences.Add(info.Sequence);
        }

        return (values, sequences);
    }
}
