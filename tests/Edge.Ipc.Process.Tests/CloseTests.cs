using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
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

    [TestMethod]
    public void Remove_ByRmWhileOtherProcessesWait_WakesTheirReceiverAndSenderWithClosed()
    {
        // Steps: a receiver process blocks on an empty mailbox, a sender process on a full one; this process lets go
        // of both (only the waiters hold them), then a real `rm` removes both files.
        // Expected: each waiter's own process notices its name is gone and wakes it with Closed.
        using var empty = new MailboxName("rm-receive");
        using var full = new MailboxName("rm-send");
        using PeerProcess receiver = StartWaiting("block-receive", empty, capacity: 2, fill: false, m => m.ReceiversWaiting);
        using PeerProcess sender = StartWaiting("block-send", full, capacity: 1, fill: true, m => m.SendersWaiting);

        Run("rm", empty.Path, full.Path);

        CollectionAssert.AreEqual(new List<string> { "waiting", "Closed" }, receiver.Finish());
        CollectionAssert.AreEqual(new List<string> { "waiting", "Closed" }, sender.Finish());
    }

    [TestMethod]
    public void Rename_ByMv_ClosesTheMailboxAndWakesAReceiverOfThisProcess()
    {
        // Steps: a thread of this process blocks in Receive; a real `mv` moves the file to another name.
        // Expected: the receive returns Closed; the file under its new name is untouched apart from the closed bit.
        using var name = new MailboxName("mv");
        using var moved = new MailboxName("mv-target");
        using SharedMailbox mailbox = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = 2, SlotSize = 8 });
        var receive = Task.Run(() => mailbox.Receive(new byte[8], out _, Timeout.Infinite));
        Await.Until(() => mailbox.ReceiversWaiting == 1, "the receiver waiting");

        Run("mv", name.Path, moved.Path);

        bool woke = receive.Wait(PeerProcess.HangBound);
        mailbox.Close(); // only so that a receiver that never woke ends before the mapping goes
        receive.Wait();
        Assert.IsTrue(woke, "the receiver never woke");
        Assert.AreEqual(IpcStatus.Closed, receive.Result);
        using SharedMailbox reopened = SharedMailbox.Open(moved.Value);
        Assert.IsTrue(reopened.IsClosed);
    }

    [TestMethod]
    public void Remove_OfAnotherNameOrOfAnOlderSegment_LeavesTheMailboxOpen()
    {
        // Steps: mailbox A; a segment of name B replaced by a new one (the old one's name event arrives late); a
        // third mailbox removed by `rm`, awaited as a marker that the earlier events were handled.
        // Expected: A and the new B stay open; the old B and the removed one are closed.
        using var a = new MailboxName("keep");
        using var b = new MailboxName("replaced");
        using var marker = new MailboxName("marker");
        using SharedMailbox first = SharedMailbox.Create(a.Value, new SharedMailboxOptions { Capacity = 2, SlotSize = 8 });
        using SharedMailbox older = SharedMailbox.Create(b.Value, new SharedMailboxOptions { Capacity = 2, SlotSize = 8 });
        using SharedMailbox newer = SharedMailbox.Create(b.Value, new SharedMailboxOptions { Capacity = 2, SlotSize = 8, ReplaceExisting = true });
        using SharedMailbox removed = SharedMailbox.Create(marker.Value, new SharedMailboxOptions { Capacity = 2, SlotSize = 8 });

        Run("rm", marker.Path);
        Await.Until(() => removed.IsClosed, "the removed mailbox closed");

        Assert.IsTrue(older.IsClosed, "the replaced segment is closed by its replacement");
        Assert.IsFalse(newer.IsClosed, "the old segment's removal must not close the new one of the same name");
        Assert.IsFalse(first.IsClosed, "another name's removal must not close this one");
    }

    /// <summary>Makes a mailbox, starts a peer that blocks on it, waits until the segment shows it asleep, and lets go of the mailbox.</summary>
    private static PeerProcess StartWaiting(string verb, MailboxName name, int capacity, bool fill, Func<SharedMailbox, int> waiting)
    {
        using SharedMailbox mailbox = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = capacity, SlotSize = 8 });
        if (fill)
        {
            Assert.AreEqual(IpcStatus.Ok, mailbox.TrySend(1, new byte[] { 1 }, 1));
        }

        PeerProcess peer = PeerProcess.Start(verb, name.Value);
        peer.Expect("waiting");
        Await.Until(() => waiting(mailbox) == 1, verb + " waiting");
        return peer;
    }

    /// <summary>Runs a command of the system (a real `rm` or `mv`) and checks that it succeeded.</summary>
    private static void Run(string command, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(command, arguments) { UseShellExecute = false })!;
        Assert.IsTrue(process.WaitForExit(PeerProcess.HangBound), command + " never ended");
        Assert.AreEqual(0, process.ExitCode, command + " failed");
    }
}
