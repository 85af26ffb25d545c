using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

/// <summary>
/// Mailboxes with priority levels (POSIX message queue style): highest level first, FIFO within a level, storage
/// reserved at build, sequence numbers in delivery order.
/// </summary>
[TestClass]
public sealed class PriorityTests
{
    private static IpcRuntime Build(int tasks, int capacity, int levels)
    {
        var layout = new IpcLayout();
        for (int i = 1; i <= tasks; i++)
        {
            layout.AddTask("t" + i);
        }

        layout.AddMailbox("box", capacity, 8, new MailboxOptions { PriorityLevels = levels });
        return layout.Build(new ManualClock());
    }

    private static List<(int Value, int Priority, int Sequence)> Drain(Mailbox box, EdgeTask self)
    {
        var got = new List<(int, int, int)>();
        var dest = new byte[8];
        while (box.TryReceive(self, dest, out MessageInfo info) == IpcStatus.Ok)
        {
            got.Add((TestRig.Int(dest), info.Priority, info.Sequence));
        }

        return got;
    }

    [TestMethod]
    public void Receive_TakesTheHighestLevelFirst_FifoWithinALevel_NumberedInDeliveryOrder()
    {
        using IpcRuntime runtime = Build(1, 8, 4);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        (int Value, int Priority)[] sent = { (1, 0), (2, 2), (3, 1), (4, 2), (5, 0), (6, 3) };
        foreach ((int value, int priority) in sent)
        {
            Assert.AreEqual(IpcStatus.Ok, box.SendWithPriority(self, priority, TestRig.Bytes(value), 0, 4, 0, 0));
        }

        var got = Drain(box, self);

        CollectionAssert.AreEqual(new[] { 6, 2, 4, 3, 1, 5 }, got.ConvertAll(m => m.Value));
        CollectionAssert.AreEqual(new[] { 3, 2, 2, 1, 0, 0 }, got.ConvertAll(m => m.Priority));
        CollectionAssert.AreEqual(new[] { 1, 2, 3, 4, 5, 6 }, got.ConvertAll(m => m.Sequence));
        Assert.IsTrue(box.CheckInvariants());
    }

    [TestMethod]
    public void PlainSendsAreLevelZero_AndAPostedHighLevelGoesAheadOfThem()
    {
        using IpcRuntime runtime = Build(1, 4, 2);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        box.TrySend(self, TestRig.Bytes(1), 0, 4, 0);
        box.TrySend(self, TestRig.Bytes(2), 0, 4, 0);

        Assert.AreEqual(IpcStatus.Ok, box.PostWithPriority(1, TestRig.Bytes(3), 0, 4, 0));

        var got = Drain(box, self);
        CollectionAssert.AreEqual(new[] { 3, 1, 2 }, got.ConvertAll(m => m.Value));
        CollectionAssert.AreEqual(new[] { 1, 0, 0 }, got.ConvertAll(m => m.Priority));
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, got.ConvertAll(m => m.Sequence));
    }

    [TestMethod]
    public void Full_RefusesEveryLevel_AndARefusedPostLeavesAGapOfOne()
    {
        using IpcRuntime runtime = Build(1, 2, 3);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        box.SendWithPriority(self, 1, TestRig.Bytes(1), 0, 4, 0, 0);
        box.SendWithPriority(self, 0, TestRig.Bytes(2), 0, 4, 0, 0);

        Assert.AreEqual(IpcStatus.Full, box.SendWithPriority(self, 2, TestRig.Bytes(3), 0, 4, 0, 0));
        Assert.AreEqual(IpcStatus.Full, box.PostWithPriority(2, TestRig.Bytes(4), 0, 4, 0));
        BufferStatistics s = box.GetStatistics();
        Assert.AreEqual(1, s.Dropped);
        Assert.AreEqual(1, s.RefusedFull);

        var first = Drain(box, self);
        box.SendWithPriority(self, 2, TestRig.Bytes(5), 0, 4, 0, 0);
        var second = Drain(box, self);
        CollectionAssert.AreEqual(new[] { 1, 2 }, first.ConvertAll(m => m.Sequence));
        Assert.AreEqual(4, second[0].Sequence, "The refused post took number 3: a jump of 2, one message missed.");
    }

    [TestMethod]
    public void BlockedHighLevelSender_IsStoredByLevelWhenRoomAppears()
    {
        using IpcRuntime runtime = Build(2, 2, 4);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask receiver = runtime.GetTask(1);
        box.TrySend(receiver, TestRig.Bytes(1), 0, 4, 0);
        box.TrySend(receiver, TestRig.Bytes(2), 0, 4, 0);
        Task<IpcStatus> blocked = TestRig.Run(() => box.SendWithPriority(runtime.GetTask(2), 3, TestRig.Bytes(9), 0, 4, 0, Timeout.Infinite));
        TestRig.UntilParked(box, 1, 0);

        var dest = new byte[8];
        Assert.AreEqual(IpcStatus.Ok, box.TryReceive(receiver, dest, out _));
        Assert.AreEqual(1, TestRig.Int(dest));
        Assert.AreEqual(IpcStatus.Ok, TestRig.Await(blocked));

        var got = Drain(box, receiver);
        CollectionAssert.AreEqual(new[] { 9, 2 }, got.ConvertAll(m => m.Value));
        CollectionAssert.AreEqual(new[] { 2, 3 }, got.ConvertAll(m => m.Sequence));
    }

    [TestMethod]
    public void WaitingReceiver_IsHandedAHighLevelMessageWithItsLevel()
    {
        using IpcRuntime runtime = Build(1, 4, 2);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask receiver = runtime.GetTask(1);
        MessageInfo info = default;
        var dest = new byte[8];
        Task<IpcStatus> receive = TestRig.Run(() => box.Receive(receiver, dest, 0, out info, Timeout.Infinite));
        TestRig.UntilParked(box, 0, 1);

        Assert.AreEqual(IpcStatus.Ok, box.PostWithPriority(1, TestRig.Bytes(7), 0, 4, 0));

        Assert.AreEqual(IpcStatus.Ok, TestRig.Await(receive));
        Assert.AreEqual(7, TestRig.Int(dest));
        Assert.AreEqual(1, info.Priority);
    }

    [TestMethod]
    public void Urgent_StaysAheadOfLaterHigherLevels()
    {
        using IpcRuntime runtime = Build(1, 4, 4);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        box.TrySend(self, TestRig.Bytes(1), 0, 4, 0);
        box.SendUrgent(self, TestRig.Bytes(2), 0, 4, 0, 0);
        box.SendWithPriority(self, 3, TestRig.Bytes(3), 0, 4, 0, 0);

        var got = Drain(box, self);
        CollectionAssert.AreEqual(new[] { 2, 3, 1 }, got.ConvertAll(m => m.Value));
        CollectionAssert.AreEqual(new[] { 3, 3, 0 }, got.ConvertAll(m => m.Priority), "An urgent message counts as the highest level.");
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, got.ConvertAll(m => m.Sequence));
    }

    [TestMethod]
    public void Misuse_IsRefusedWithTheLimitNamed()
    {
        using IpcRuntime runtime = Build(1, 4, 3);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => box.SendWithPriority(self, 3, TestRig.Bytes(1), 0, 4, 0, 0));
        StringAssert.Contains(ex.Message, "Priority 3 is not a level of 'box', which has 3 levels (0 to 2).");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => box.PostWithPriority(-1, TestRig.Bytes(1), 0, 4, 0));
        Assert.AreEqual(0, box.GetStatistics().Sent, "Nothing was sent.");

        var layout = new IpcLayout();
        var levels = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => layout.AddMailbox("m", 4, 8, new MailboxOptions { PriorityLevels = 33 }));
        StringAssert.Contains(levels.Message, "PriorityLevels of 'm' must be from 1 to 32; got 33.");
        Assert.ThrowsExactly<ArgumentException>(() => layout.AddMailbox("r", 0, 8, new MailboxOptions { PriorityLevels = 2 }));
        var policy = Assert.ThrowsExactly<ArgumentException>(() => layout.AddMailbox("d", 4, 8, new MailboxOptions { PriorityLevels = 2, Overflow = OverflowPolicy.DropOldest }));
        StringAssert.Contains(policy.Message, "refuses when full (RefuseNewest)");
    }

    [TestMethod]
    public void TwoProducersMixingLevels_OneConsumer_NothingLostPerLevelFifoConsecutiveNumbers()
    {
        const int PerProducer = 50_000;
        using IpcRuntime runtime = Build(3, 16, 4);
        Mailbox box = runtime.GetMailbox("box");
        Task[] producers = new Task[2];
        for (int p = 0; p < 2; p++)
        {
            int producer = p;
            producers[p] = TestRig.Run(() =>
            {
                EdgeTask self = runtime.GetTask(producer + 1);
                var payload = new byte[8];
                for (int i = 0; i < PerProducer; i++)
                {
                    int level = (i * 7 + producer) % 4;
                    BitConverter.TryWriteBytes(payload, i);
                    BitConverter.TryWriteBytes(payload.AsSpan(4), producer);
                    Assert.AreEqual(IpcStatus.Ok, box.SendWithPriority(self, level, payload, 0, 8, level, Timeout.Infinite));
                }
            });
        }

        EdgeTask consumer = runtime.GetTask(3);
        var last = new int[2, 4];
        for (int p = 0; p < 2; p++)
        {
            for (int l = 0; l < 4; l++)
            {
                last[p, l] = -1;
            }
        }

        var dest = new byte[8];
        int previousSequence = 0;
        for (int n = 0; n < 2 * PerProducer; n++)
        {
            Assert.AreEqual(IpcStatus.Ok, box.Receive(consumer, dest, 0, out MessageInfo info, TestRig.HangTimeoutMs));
            int index = BitConverter.ToInt32(dest, 0);
            int producer = BitConverter.ToInt32(dest, 4);
            Assert.AreEqual(info.Tag, info.Priority, "The level travels with the message.");
            Assert.IsTrue(index > last[producer, info.Priority], "FIFO within a level, per producer.");
            last[producer, info.Priority] = index;
            Assert.AreEqual(previousSequence + 1, info.Sequence, "No loss, so no gap.");
            previousSequence = info.Sequence;
        }

        foreach (Task producer in producers)
        {
            TestRig.Await(producer);
        }

        BufferStatistics s = box.GetStatistics();
        Assert.AreEqual(2L * PerProducer, s.Sent);
        Assert.AreEqual(2L * PerProducer, s.Received);
        Assert.AreEqual(0, s.Depth);
        Assert.IsTrue(box.CheckInvariants());
    }

    [TestMethod]
    public void SendWithPriorityAndReceive_AllocateNothing()
    {
        using IpcRuntime runtime = Build(1, 64, 8);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        var payload = new byte[8];
        var dest = new byte[8];
        void Body()
        {
            for (int i = 0; i < 10_000; i++)
            {
                box.SendWithPriority(self, i % 8, payload, 0, 8, 0, 0);
                box.PostWithPriority((i + 3) % 8, payload, 0, 8, 0);
                box.TryReceive(self, dest, out _);
                box.TryReceive(self, dest, out _);
            }
        }

        Body();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Body();
        Assert.AreEqual(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
