using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

[TestClass]
public sealed class QueueControlTests
{
    private static List<int> Drain(Mailbox box, EdgeTask self)
    {
        var values = new List<int>();
        var dest = new byte[box.SlotSize];
        while (box.TryReceive(self, dest, out _) == IpcStatus.Ok)
        {
            values.Add(TestRig.Int(dest));
        }

        return values;
    }

    [TestMethod]
    public void SendUrgent_GoesAheadOfQueuedMessages()
    {
        using IpcRuntime runtime = TestRig.Build(1, 4, 8);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        box.TrySend(self, TestRig.Bytes(1), 0, 4, 0);
        box.TrySend(self, TestRig.Bytes(2), 0, 4, 0);

        Assert.AreEqual(IpcStatus.Ok, box.SendUrgent(self, TestRig.Bytes(99), 0, 4, 0, 0));

        CollectionAssert.AreEqual(new[] { 99, 1, 2 }, Drain(box, self));
    }

    [TestMethod]
    public void SendUrgent_WhenFull_BlocksAndThenGoesFirst()
    {
        using IpcRuntime runtime = TestRig.Build(2, 2, 8);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        box.TrySend(self, TestRig.Bytes(1), 0, 4, 0);
        box.TrySend(self, TestRig.Bytes(2), 0, 4, 0);
        Assert.AreEqual(IpcStatus.Full, box.SendUrgent(self, TestRig.Bytes(9), 0, 4, 0, 0));
        Task<IpcStatus> urgent = TestRig.Run(() => box.SendUrgent(runtime.GetTask(2), TestRig.Bytes(99), 0, 4, 0, Timeout.Infinite));
        TestRig.UntilParked(box, 1, 0);
        var dest = new byte[8];

        box.TryReceive(self, dest, out _);

        Assert.AreEqual(IpcStatus.Ok, TestRig.Await(urgent));
        CollectionAssert.AreEqual(new[] { 99, 2 }, Drain(box, self));
    }

    [TestMethod]
    public void Peek_LeavesTheMessageInPlace()
    {
        using IpcRuntime runtime = TestRig.Build(1, 4, 8);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        var dest = new byte[8];
        Assert.AreEqual(IpcStatus.Empty, box.Peek(self, dest, 0, out _));
        box.TrySend(self, TestRig.Bytes(5), 0, 4, 0);

        Assert.AreEqual(IpcStatus.Ok, box.Peek(self, dest, 0, out MessageInfo peeked));

        Assert.AreEqual(5, TestRig.Int(dest));
        Assert.AreEqual(1, box.GetStatistics().Depth);
        Assert.AreEqual(IpcStatus.Ok, box.TryReceive(self, dest, out MessageInfo taken));
        Assert.AreEqual(peeked.Sequence, taken.Sequence);
    }

    [TestMethod]
    public void Purge_DiscardsQueuedCountsThemAndWakesBlockedSenders()
    {
        // Steps: fill; block a sender; purge.
        // Expected: Purge returns the queued count (counted as dropped); the blocked sender wakes with
        // Purged; the buffer stays open and usable.
        using IpcRuntime runtime = TestRig.Build(2, 3, 8);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        for (int i = 0; i < 3; i++)
        {
            box.TrySend(self, TestRig.Bytes(i), 0, 4, 0);
        }

        Task<IpcStatus> blocked = TestRig.Run(() => box.Send(runtime.GetTask(2), TestRig.Bytes(7), 0, 4, 0, Timeout.Infinite));
        TestRig.UntilParked(box, 1, 0);

        Assert.AreEqual(3, box.Purge());

        Assert.AreEqual(IpcStatus.Purged, TestRig.Await(blocked));
        BufferStatistics s = box.GetStatistics();
        Assert.AreEqual(0, s.Depth);
        Assert.AreEqual(3, s.Dropped);
        Assert.AreEqual(IpcStatus.Ok, box.TrySend(self, TestRig.Bytes(8), 0, 4, 0));
        CollectionAssert.AreEqual(new[] { 8 }, Drain(box, self));
    }

    [TestMethod]
    public void RestrictSenders_TaskWithoutRight_IsRefusedAndNothingDelivered()
    {
        using IpcRuntime runtime = new IpcLayout()
            .AddTask("owner")
            .AddTask("friend")
            .AddTask("stranger")
            .AddMailbox("m", 4, 8, new MailboxOptions { Owner = "owner" })
            .Build();
        Mailbox box = runtime.GetMailbox("m");
        EdgeTask owner = runtime.GetTask("owner");
        box.RestrictSenders(owner, new[] { runtime.GetTask("friend") });

        System.InvalidOperationException error = Assert.ThrowsExactly<System.InvalidOperationException>(
            () => box.TrySend(runtime.GetTask("stranger"), TestRig.Bytes(1), 0, 4, 0));

        StringAssert.Contains(error.Message, "stranger");
        Assert.AreEqual(0, box.GetStatistics().Sent);
        Assert.AreEqual(IpcStatus.Ok, box.TrySend(runtime.GetTask("friend"), TestRig.Bytes(2), 0, 4, 0));
        Assert.AreEqual(IpcStatus.Ok, box.TrySend(owner, TestRig.Bytes(3), 0, 4, 0));
        Assert.ThrowsExactly<System.InvalidOperationException>(() => box.RestrictReceivers(runtime.GetTask("friend"), null));
        box.RestrictSenders(owner, null);
        Assert.AreEqual(IpcStatus.Ok, box.TrySend(runtime.GetTask("stranger"), TestRig.Bytes(4), 0, 4, 0));
    }
}
