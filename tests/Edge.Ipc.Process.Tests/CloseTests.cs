using System.Collections.Generic;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Process.Tests;

[TestClass]
public sealed class CloseTests
{
    [TestMethod]
    public void Close_FromAnotherProcess_WakesBlockedReceiversWithClosed()
    {
        // Steps: two receiver processes block on an empty mailbox (the segment's waiting count shows both asleep or
        // about to be); a third process closes it.
        // Expected: both print Closed and exit; the closer printed "closed".
        using var name = new MailboxName("close-receive");
        using SharedMailbox mailbox = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = 4, SlotSize = 16 });
        using PeerProcess first = PeerProcess.Start("block-receive", name.Value);
        using PeerProcess second = PeerProcess.Start("block-receive", name.Value);
        first.Expect("waiting");
        second.Expect("waiting");
        Await.Until(() => mailbox.ReceiversWaiting == 2, "both receivers waiting");
        using PeerProcess closer = PeerProcess.Start("close", name.Value);
        CollectionAssert.AreEqual(new List<string> { "closed" }, closer.Finish());
        CollectionAssert.AreEqual(new List<string> { "waiting", "Closed" }, first.Finish());
        CollectionAssert.AreEqual(new List<string> { "waiting", "Closed" }, second.Finish());
    }

    [TestMethod]
    public void Close_FromAnotherProcess_WakesBlockedSendersWithClosed()
    {
        // Steps: fill a mailbox of one slot; two sender processes block on it; a third process closes it.
        // Expected: both senders print Closed; the queued message is still received, then Closed.
        using var name = new MailboxName("close-send");
        using SharedMailbox mailbox = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = 1, SlotSize = 16 });
        Assert.AreEqual(IpcStatus.Ok, mailbox.TrySend(1, new byte[] { 7 }, 5));
        using PeerProcess first = PeerProcess.Start("block-send", name.Value);
        using PeerProcess second = PeerProcess.Start("block-send", name.Value);
        first.Expect("waiting");
        second.Expect("waiting");
        Await.Until(() => mailbox.SendersWaiting == 2, "both senders waiting");
        using PeerProcess closer = PeerProcess.Start("close", name.Value);
        closer.Finish();
        CollectionAssert.AreEqual(new List<string> { "waiting", "Closed" }, first.Finish());
        CollectionAssert.AreEqual(new List<string> { "waiting", "Closed" }, second.Finish());
        byte[] buffer = new byte[16];
        Assert.AreEqual(IpcStatus.Ok, mailbox.Receive(buffer, out SharedMessageInfo info, Timeout.Infinite));
        Assert.AreEqual(5, info.Tag);
        Assert.AreEqual(IpcStatus.Closed, mailbox.Receive(buffer, out _, Timeout.Infinite));
    }

    [TestMethod]
    public void Delete_WhileAnotherProcessWaits_WakesItWithClosedAndRemovesTheFile()
    {
        // Steps: a receiver process blocks; this process deletes the mailbox by name.
        // Expected: the receiver prints Closed; the file is gone.
        using var name = new MailboxName("delete");
        SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = 2, SlotSize = 8 }).Dispose();
        using SharedMailbox watcher = SharedMailbox.Open(name.Value);
        using PeerProcess receiver = PeerProcess.Start("block-receive", name.Value);
        receiver.Expect("waiting");
        Await.Until(() => watcher.ReceiversWaiting == 1, "the receiver waiting");
        Assert.IsTrue(SharedMailbox.Delete(name.Value));
        CollectionAssert.AreEqual(new List<string> { "waiting", "Closed" }, receiver.Finish());
        Assert.IsFalse(System.IO.File.Exists(name.Path));
    }
}
