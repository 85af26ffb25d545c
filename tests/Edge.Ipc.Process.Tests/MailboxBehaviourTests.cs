using System;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Process.Tests;

[TestClass]
public sealed class MailboxBehaviourTests
{
    [TestMethod]
    public void TrySend_Full_ReturnsFullAndCounts()
    {
        using var name = new MailboxName("full");
        using SharedMailbox mailbox = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = 2, SlotSize = 8 });
        Assert.AreEqual(IpcStatus.Ok, mailbox.TrySend(1, new byte[] { 1 }, 1));
        Assert.AreEqual(IpcStatus.Ok, mailbox.TrySend(1, new byte[] { 2 }, 1));
        Assert.AreEqual(IpcStatus.Full, mailbox.TrySend(1, new byte[] { 3 }, 1));
        Assert.AreEqual(IpcStatus.Full, mailbox.Post(new byte[] { 3 }, 1));
        SharedMailboxStatistics statistics = mailbox.GetStatistics();
        Assert.AreEqual(2L, statistics.Sent);
        Assert.AreEqual(2L, statistics.RefusedFull);
        Assert.AreEqual(2, statistics.Depth);
        Assert.AreEqual(2, statistics.HighWater);
    }

    [TestMethod]
    public void Post_DropOldestFull_DiscardsOldestAndSequenceShowsGap()
    {
        using var name = new MailboxName("drop");
        using SharedMailbox mailbox = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = 2, SlotSize = 8, Overflow = OverflowPolicy.DropOldest });
        for (byte i = 1; i <= 5; i++)
        {
            Assert.AreEqual(IpcStatus.Ok, mailbox.Post(new byte[] { i }, i));
        }

        byte[] buffer = new byte[8];
        Assert.AreEqual(IpcStatus.Ok, mailbox.TryReceive(buffer, out SharedMessageInfo info));
        Assert.AreEqual(4, info.Tag);
        Assert.AreEqual(4, info.Sequence);
        Assert.AreEqual(IpcStatus.Ok, mailbox.TryReceive(buffer, out info));
        Assert.AreEqual(5, info.Tag);
        Assert.AreEqual(Environment.ProcessId, info.ProcessId);
        Assert.AreEqual(0, info.Sender);
        SharedMailboxStatistics statistics = mailbox.GetStatistics();
        Assert.AreEqual(5L, statistics.Sent);
        Assert.AreEqual(2L, statistics.Received);
        Assert.AreEqual(3L, statistics.Dropped);
        Assert.AreEqual(0L, statistics.Abandoned);
    }

    [TestMethod]
    public void Receive_EmptyWithTimeout_TimesOutAndCounts()
    {
        using var name = new MailboxName("timeout");
        using SharedMailbox mailbox = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = 1, SlotSize = 8 });
        byte[] buffer = new byte[8];
        Assert.AreEqual(IpcStatus.Empty, mailbox.TryReceive(buffer, out _));
        Assert.AreEqual(IpcStatus.TimedOut, mailbox.Receive(buffer, out _, 20));
        Assert.AreEqual(IpcStatus.Ok, mailbox.TrySend(1, buffer, 1));
        Assert.AreEqual(IpcStatus.TimedOut, mailbox.Send(1, buffer, 1, 20));
        Assert.AreEqual(2L, mailbox.GetStatistics().TimedOut);
    }

    [TestMethod]
    public void Receive_Closed_DrainsThenClosed()
    {
        using var name = new MailboxName("drain");
        using SharedMailbox mailbox = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = 4, SlotSize = 8 });
        using SharedMailbox other = SharedMailbox.Open(name.Value);
        Assert.AreEqual(IpcStatus.Ok, mailbox.TrySend(3, new byte[] { 1, 2, 3 }, 9));
        other.Close();
        Assert.IsTrue(mailbox.IsClosed);
        Assert.AreEqual(IpcStatus.Closed, mailbox.TrySend(3, new byte[] { 1 }, 9));
        Assert.AreEqual(IpcStatus.Closed, mailbox.Post(new byte[] { 1 }, 9));
        byte[] buffer = new byte[8];
        Assert.AreEqual(IpcStatus.Ok, mailbox.Receive(buffer, out SharedMessageInfo info, Timeout.Infinite));
        Assert.AreEqual(3, info.Length);
        Assert.AreEqual(3, info.Sender);
        Assert.AreEqual(9, info.Tag);
        Assert.AreEqual(3, buffer[2]);
        Assert.AreEqual(IpcStatus.Closed, mailbox.Receive(buffer, out _, Timeout.Infinite));
    }

    [TestMethod]
    public void Send_Misuse_ThrowsBeforeAnythingChanges()
    {
        using var name = new MailboxName("misuse");
        SharedMailbox mailbox = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = 2, SlotSize = 8 });
        Assert.ThrowsExactly<ArgumentException>(() => mailbox.TrySend(1, new byte[9], 1));
        Assert.ThrowsExactly<ArgumentException>(() => mailbox.TryReceive(new byte[7], out _));
        Assert.AreEqual(0L, mailbox.GetStatistics().Sent);
        mailbox.Dispose();
        Assert.ThrowsExactly<ObjectDisposedException>(() => mailbox.TrySend(1, new byte[1], 1));
    }

    [TestMethod]
    public void SendReceive_SteadyState_AllocatesNothing()
    {
        using var name = new MailboxName("alloc");
        using SharedMailbox mailbox = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = 8, SlotSize = 64 });
        byte[] payload = new byte[64];
        byte[] buffer = new byte[64];
        for (int i = 0; i < 100; i++)
        {
            mailbox.Send(1, payload, 1, Timeout.Infinite);
            mailbox.Receive(buffer, out _, Timeout.Infinite);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            mailbox.Send(1, payload, 1, Timeout.Infinite);
            mailbox.Post(payload, 2);
            mailbox.Receive(buffer, out _, Timeout.Infinite);
            mailbox.Receive(buffer, out _, 0);
            mailbox.GetStatistics();
        }

        Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
