using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Process.Tests;

[TestClass]
public sealed class CloseTests
{
    [TestMethod]
    public void Close_FromAnotherProcess_WakesBlockedSendersAndReceiversInOthersWithClosed()
    {
        // Steps: mailbox "empty" has two receiver processes blocked in Receive; mailbox "full" (capacity 1, one
        // message queued) has two sender processes blocked in Send. Wait until the segments count all four as
        // waiting (announced before their last look, so each is asleep or about to sleep on the futex word); then
        // a fifth process closes both mailboxes.
        // Expected: all four blocked processes print Closed and exit; the queued message is still received
        // (receivers drain first), then Closed.
        using var emptyName = new MailboxName("close-empty");
        using var fullName = new MailboxName("close-full");
        using SharedMailbox empty = SharedMailbox.Create(emptyName.Value, new SharedMailboxOptions { Capacity = 4, SlotSize = 16 });
        using SharedMailbox full = SharedMailbox.Create(fullName.Value, new SharedMailboxOptions { Capacity = 1, SlotSize = 16 });
        Assert.AreEqual(IpcStatus.Ok, full.TrySend(1, new byte[] { 42 }, 7));
        var peers = new List<PeerProcess>();
        try
        {
            for (int i = 0; i < 2; i++)
            {
                peers.Add(PeerProcess.Start("block-receive", emptyName.Value));
                peers.Add(PeerProcess.Start("block-send", fullName.Value));
            }

            foreach (PeerProcess peer in peers)
            {
                peer.Expect("waiting");
            }

            AwaitCount(() => empty.GetStatistics().ReceiversWaiting, 2);
            AwaitCount(() => full.GetStatistics().SendersWaiting, 2);

            using (PeerProcess closer = PeerProcess.Start("close", emptyName.Value))
            {
                CollectionAssert.Contains(closer.Finish(), "closed");
            }

            using (PeerProcess closer = PeerProcess.Start("close", fullName.Value))
            {
                CollectionAssert.Contains(closer.Finish(), "closed");
            }

            foreach (PeerProcess peer in peers)
            {
                List<string> lines = peer.Finish();
                Assert.AreEqual("Closed", lines[^1], peer.Description);
            }

            byte[] buffer = new byte[16];
            Assert.AreEqual(IpcStatus.Ok, full.TryReceive(buffer, out SharedMessageInfo info));
            Assert.AreEqual(7, info.Tag);
            Assert.AreEqual(IpcStatus.Closed, full.TryReceive(buffer, out _));
            Assert.AreEqual(IpcStatus.Closed, empty.Receive(buffer, out _, Timeout.Infinite));
            Assert.AreEqual(IpcStatus.Closed, full.Send(1, buffer, 1, Timeout.Infinite));
            Assert.AreEqual(0, empty.GetStatistics().ReceiversWaiting);
            Assert.AreEqual(0, full.GetStatistics().SendersWaiting);
        }
        finally
        {
            foreach (PeerProcess peer in peers)
            {
                peer.Dispose();
            }
        }
    }

    [TestMethod]
    public void Delete_WhileAnotherProcessBlocksInReceive_WakesItWithClosed()
    {
        // Steps: a receiver process blocks on an empty mailbox; this process deletes the mailbox (close, then
        // remove the file).
        // Expected: the receiver prints Closed; the file is gone.
        using var name = new MailboxName("delete");
        using (SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = 2, SlotSize = 8 }))
        {
        }

        using PeerProcess receiver = PeerProcess.Start("block-receive", name.Value);
        receiver.Expect("waiting");
        using (SharedMailbox view = SharedMailbox.Open(name.Value))
        {
            AwaitCount(() => view.GetStatistics().ReceiversWaiting, 1);
        }

        Assert.IsTrue(SharedMailbox.Delete(name.Value));
        Assert.AreEqual("Closed", receiver.Finish()[^1]);
        Assert.IsFalse(System.IO.File.Exists(name.Path));
    }

    /// <summary>Waits (yielding, bounded only against a hang) until <paramref name="read"/> reaches <paramref name="expected"/>.</summary>
    internal static void AwaitCount(Func<int> read, int expected)
    {
        long limit = Environment.TickCount64 + (long)PeerProcess.HangBound.TotalMilliseconds;
        while (read() < expected)
        {
            Assert.IsTrue(Environment.TickCount64 < limit, "waiters never announced themselves");
            Thread.Yield();
        }

        Assert.AreEqual(expected, read());
    }
}
