using System;
using System.Threading;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

/// <summary>
/// Direct links check every argument before a link is made, report statistics without making one, give a
/// closed link's slot back once both tasks have seen it close, and let ReceiveAny report at once that every
/// link is gone.
/// </summary>
[TestClass]
public sealed class LinkMisuseTests
{
    private const int SlotSize = 16;

    private static IpcRuntime Build(int maxLinks) =>
        new IpcLayout().AddTask("p").AddTask("q").AddTask("r").AddTask("s").WithLinks(maxLinks, 4, SlotSize).Build(new ManualClock());

    [TestMethod]
    public void Send_OversizePayload_ThrowsBeforeAnyLinkIsMade()
    {
        // Steps: p sends 20 bytes to q over links of 16-byte slots, with a bad timeout, and receives into an
        // 8-byte destination; then the statistics of both directions.
        // Expected: each throws (the oversize naming both sizes); no link was made and nothing was counted.
        using IpcRuntime runtime = Build(1);
        DirectLinks links = runtime.Links;
        EdgeTask p = runtime.GetTask("p");
        EdgeTask q = runtime.GetTask("q");

        ArgumentException oversize = Assert.ThrowsExactly<ArgumentException>(() => links.Send(p, q, new byte[20], 0, 20, 0, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => links.Send(p, q, new byte[4], 0, 4, 0, -2));
        Assert.ThrowsExactly<ArgumentException>(() => links.Receive(q, p, new byte[8], 0, out _, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => links.Receive(q, p, new byte[SlotSize], 0, out _, -2));

        Assert.AreEqual("Payload of 20 bytes does not fit the 16-byte slots of the direct links (IpcLayout.WithLinks). (Parameter 'payload')", oversize.Message);
        Assert.AreEqual(0, links.Count);
        Assert.AreEqual(0L, links.GetStatistics(p, q).Sent);
        Assert.AreEqual(0, links.Count);
        links.Connect(runtime.GetTask("r"), p);
        Assert.AreEqual(1, links.Count, "The one link of the pool was still free.");
    }

    [TestMethod]
    public void GetStatistics_PairWithoutLink_ReportsZerosAndMakesNoLink()
    {
        // Steps: statistics of p to q before any link, with a pool of one; then r links to s.
        // Expected: all zeros but the capacity (4), not closed; Count stays 0, so the pool's one link is still
        // there for r and s; once p and q are linked, their statistics count what was sent.
        using IpcRuntime runtime = Build(1);
        DirectLinks links = runtime.Links;
        EdgeTask p = runtime.GetTask("p");
        EdgeTask q = runtime.GetTask("q");

        BufferStatistics none = links.GetStatistics(p, q);
        BufferStatistics reverse = links.GetStatistics(q, p);

        Assert.AreEqual(new BufferStatistics { Capacity = 4 }, none);
        Assert.AreEqual(none, reverse);
        Assert.AreEqual(0, links.Count);
        Assert.ThrowsExactly<ArgumentException>(() => links.GetStatistics(p, p));
        Assert.AreEqual(IpcStatus.Ok, links.Send(p, q, TestRig.Bytes(1), 0, 4, 0, 0));
        Assert.AreEqual(1L, links.GetStatistics(p, q).Sent);
        Assert.AreEqual(1, links.GetStatistics(p, q).Depth);
    }

    [TestMethod]
    public void ClosedLink_SeenByBothTasks_GivesItsSlotBackForAnyPair()
    {
        // Steps: a pool of one link. p and q link, p sends 7, the link is closed; another pair tries to link;
        // q drains (7, then Closed); p sends (Closed); then r links to s and sends, and p links to q again.
        // Expected: while the closed link is unseen by p, the pool is used up (Count 1, r-s refused, naming why);
        // after q and p have seen it close, Count is 0, r and s get a new link that carries a message, and
        // once that one is closed and seen, p and q get a fresh link whose statistics start at zero.
        using IpcRuntime runtime = Build(1);
        DirectLinks links = runtime.Links;
        EdgeTask p = runtime.GetTask("p");
        EdgeTask q = runtime.GetTask("q");
        EdgeTask rr = runtime.GetTask("r");
        EdgeTask s = runtime.GetTask("s");
        var dest = new byte[SlotSize];
        Assert.AreEqual(IpcStatus.Ok, links.Send(p, q, TestRig.Bytes(7), 0, 4, 0, 0));
        links.Close(p, q);

        InvalidOperationException full = Assert.ThrowsExactly<InvalidOperationException>(() => links.Connect(rr, s));
        Assert.AreEqual(
            "Cannot link r (task 3) and s (task 4): all 1 links declared with IpcLayout.WithLinks are in use (a closed link returns to the pool once both of its tasks have seen it close).",
            full.Message);
        Assert.AreEqual(IpcStatus.Ok, links.Receive(q, p, dest, 0, out _, 0));
        Assert.AreEqual(7, TestRig.Int(dest));
        Assert.AreEqual(IpcStatus.Closed, links.Receive(q, p, dest, 0, out _, 0));
        Assert.AreEqual(1, links.Count, "p has not seen the close yet.");
        Assert.AreEqual(IpcStatus.Closed, links.Send(p, q, TestRig.Bytes(8), 0, 4, 0, 0));
        Assert.AreEqual(0, links.Count);

        Assert.AreEqual(IpcStatus.Ok, links.Send(rr, s, TestRig.Bytes(9), 0, 4, 0, 0));
        Assert.AreEqual(IpcStatus.Ok, links.Receive(s, rr, dest, 0, out MessageInfo info, 0));
        Assert.AreEqual((9, rr.Id), (TestRig.Int(dest), info.Sender));
        links.Close(s, rr);
        Assert.AreEqual(IpcStatus.Closed, links.Receive(s, rr, dest, 0, out _, 0));
        Assert.AreEqual(IpcStatus.Closed, links.Receive(rr, s, dest, 0, out _, 0));
        Assert.AreEqual(0, links.Count);

        Assert.AreEqual(IpcStatus.Ok, links.Send(q, p, TestRig.Bytes(10), 0, 4, 0, 0));
        BufferStatistics fresh = links.GetStatistics(q, p);
        Assert.AreEqual((1L, 1, false), (fresh.Sent, fresh.Depth, fresh.IsClosed));
        Assert.AreEqual(0L, links.GetStatistics(p, q).Sent);
        Assert.AreEqual(IpcStatus.Ok, links.Receive(p, q, dest, 0, out _, 0));
        Assert.AreEqual(10, TestRig.Int(dest));
    }

    [TestMethod]
    public void ClosedLink_WithMessagesLeft_KeepsItsSlotUntilTheyAreDrained()
    {
        // Steps: q sends 5 to p; the link is closed; p sends (Closed, but 5 waits for p); q receives (Closed).
        // Expected: the link keeps its slot (Count 1) and p still gets 5, then Closed, and only then is the slot free.
        using IpcRuntime runtime = Build(1);
        DirectLinks links = runtime.Links;
        EdgeTask p = runtime.GetTask("p");
        EdgeTask q = runtime.GetTask("q");
        var dest = new byte[SlotSize];
        Assert.AreEqual(IpcStatus.Ok, links.Send(q, p, TestRig.Bytes(5), 0, 4, 0, 0));
        links.Close(q, p);

        Assert.AreEqual(IpcStatus.Closed, links.Send(p, q, TestRig.Bytes(6), 0, 4, 0, 0));
        Assert.AreEqual(IpcStatus.Closed, links.Receive(q, p, dest, 0, out _, 0));
        Assert.AreEqual(1, links.Count);
        Assert.AreEqual(IpcStatus.Ok, links.Receive(p, q, dest, 0, out _, 0));
        Assert.AreEqual(5, TestRig.Int(dest));
        Assert.AreEqual(1, links.Count);
        Assert.AreEqual(IpcStatus.Closed, links.Receive(p, q, dest, 0, out _, 0));
        Assert.AreEqual(0, links.Count);
    }

    [TestMethod]
    public void ClosedLinks_ReclaimedAThousandTimes_StayWithinThePool()
    {
        // Steps: with a pool of one link, a thousand rounds of: link p to one of q, r, s in turn, send, close,
        // and let both tasks see the close (the receiver drains, the sender's send returns Closed).
        // Expected: every round links and delivers; Count ends at 0.
        using IpcRuntime runtime = Build(1);
        DirectLinks links = runtime.Links;
        EdgeTask p = runtime.GetTask("p");
        var dest = new byte[SlotSize];
        for (int i = 0; i < 1000; i++)
        {
            EdgeTask peer = runtime.GetTask(2 + (i % 3));
            Assert.AreEqual(IpcStatus.Ok, links.Send(p, peer, TestRig.Bytes(i), 0, 4, 0, 0));
            links.Close(peer, p);
            Assert.AreEqual(IpcStatus.Ok, links.Receive(peer, p, dest, 0, out _, 0));
            Assert.AreEqual(i, TestRig.Int(dest));
            Assert.AreEqual(IpcStatus.Closed, links.Receive(peer, p, dest, 0, out _, 0));
            Assert.AreEqual(IpcStatus.Closed, links.Send(p, peer, TestRig.Bytes(i), 0, 4, 0, 0));
        }

        Assert.AreEqual(0, links.Count);
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void ReclaimedSlots_ReusedByTwoPairsAtOnce_NeverCrossDeliver()
    {
        // Steps: a pool of two links; two threads, one driving p and q, the other r and s, each run 5,000 rounds
        // of: send a numbered message both ways, receive both, close, and let both tasks see the close. The
        // pairs keep taking whichever slot the other just gave back, while the other scans the pool lock-free.
        // Expected: every message arrives from the right peer with the right number; no call throws; Count ends at 0.
        using IpcRuntime runtime = Build(2);
        DirectLinks links = runtime.Links;
        const int rounds = 5_000;

        void Pair(EdgeTask x, EdgeTask y)
        {
            var dest = new byte[SlotSize];
            for (int i = 0; i < rounds; i++)
            {
                Assert.AreEqual(IpcStatus.Ok, links.Send(x, y, TestRig.Bytes(i), 0, 4, x.Id, 0));
                Assert.AreEqual(IpcStatus.Ok, links.Send(y, x, TestRig.Bytes(-i), 0, 4, y.Id, 0));
                Assert.AreEqual(IpcStatus.Ok, links.Receive(y, x, dest, 0, out MessageInfo toY, 0));
                Assert.AreEqual((x.Id, x.Id, i), (toY.Sender, toY.Tag, TestRig.Int(dest)));
                Assert.AreEqual(IpcStatus.Ok, links.Receive(x, y, dest, 0, out MessageInfo toX, 0));
                Assert.AreEqual((y.Id, y.Id, -i), (toX.Sender, toX.Tag, TestRig.Int(dest)));
                links.Close(x, y);
                Assert.AreEqual(IpcStatus.Closed, links.Receive(y, x, dest, 0, out _, 0));
                Assert.AreEqual(IpcStatus.Closed, links.Receive(x, y, dest, 0, out _, 0));
            }
        }

        var first = TestRig.Run(() => Pair(runtime.GetTask("p"), runtime.GetTask("q")));
        var second = TestRig.Run(() => Pair(runtime.GetTask("r"), runtime.GetTask("s")));
        TestRig.Await(first);
        TestRig.Await(second);

        Assert.AreEqual(0, links.Count);
    }

    [TestMethod]
    public void ReceiveAny_AfterTheLastLinkClosed_ReportsClosedAtOnce()
    {
        // Steps: p has links with q and r; both are closed; p calls ReceiveAny three times with the hang
        // bound as timeout, once more with timeout 0; then s links to p and sends.
        // Expected: Closed naming q or r, then the other; then Closed with Sender 0 at once (timed and polled),
        // not a wait for the timeout; after s links, ReceiveAny gets s's message.
        using IpcRuntime runtime = Build(4);
        DirectLinks links = runtime.Links;
        EdgeTask p = runtime.GetTask("p");
        var dest = new byte[SlotSize];
        links.Connect(p, runtime.GetTask("q"));
        links.Connect(runtime.GetTask("r"), p);
        links.Close(p, runtime.GetTask("q"));
        links.Close(p, runtime.GetTask("r"));

        Assert.AreEqual(IpcStatus.Closed, links.ReceiveAny(p, dest, 0, out MessageInfo first, TestRig.HangTimeoutMs));
        Assert.AreEqual(IpcStatus.Closed, links.ReceiveAny(p, dest, 0, out MessageInfo second, TestRig.HangTimeoutMs));
        Assert.AreEqual(IpcStatus.Closed, links.ReceiveAny(p, dest, 0, out MessageInfo all, TestRig.HangTimeoutMs));
        Assert.AreEqual(IpcStatus.Closed, links.ReceiveAny(p, dest, 0, out MessageInfo polled, 0));

        CollectionAssert.AreEquivalent(new[] { 2, 3 }, new[] { first.Sender, second.Sender });
        Assert.AreEqual(0, all.Sender);
        Assert.AreEqual(0, polled.Sender);
        EdgeTask s = runtime.GetTask("s");
        Assert.AreEqual(IpcStatus.Ok, links.Send(s, p, TestRig.Bytes(4), 0, 4, 0, 0));
        Assert.AreEqual(IpcStatus.Ok, links.ReceiveAny(p, dest, 0, out MessageInfo fromS, 0));
        Assert.AreEqual((s.Id, 4), (fromS.Sender, TestRig.Int(dest)));
    }

    [TestMethod]
    public void ReceiveAny_BlockedWhenItsLastLinkCloses_WakesNamingThePeerThenReportsClosedAtOnce()
    {
        // Steps: p waits in ReceiveAny (no timeout) over its one link, to q; the test waits until p is parked,
        // then closes the link; p calls ReceiveAny again with no timeout.
        // Expected: p wakes with Closed naming q; the second call returns Closed with Sender 0 at once.
        using IpcRuntime runtime = Build(2);
        DirectLinks links = runtime.Links;
        EdgeTask p = runtime.GetTask("p");
        EdgeTask q = runtime.GetTask("q");
        links.Connect(p, q);
        var dest = new byte[SlotSize];
        var waiting = TestRig.Run(() =>
        {
            IpcStatus status = links.ReceiveAny(p, dest, 0, out MessageInfo info, Timeout.Infinite);
            IpcStatus again = links.ReceiveAny(p, dest, 0, out MessageInfo after, Timeout.Infinite);
            return (status, info.Sender, again, after.Sender);
        });
        Assert.IsTrue(SpinWait.SpinUntil(() => p.Waiter.IsWaiting, TestRig.HangTimeoutMs), "p never parked.");

        links.Close(q, p);

        Assert.AreEqual((IpcStatus.Closed, q.Id, IpcStatus.Closed, 0), TestRig.Await(waiting));
    }

    [TestMethod]
    public void ReceiveAny_AllLinksClosed_AfterStopIsClosedAndAfterDisposeThrowsAsEveryLinkOperation()
    {
        // Steps: p's one link is closed and reported; the runtime is stopped, p calls ReceiveAny; then it is
        // disposed, and p calls ReceiveAny and Send.
        // Expected: Closed (Sender 0) after the stop; ObjectDisposedException after the disposal, as for a send.
        IpcRuntime runtime = Build(1);
        DirectLinks links = runtime.Links;
        EdgeTask p = runtime.GetTask("p");
        EdgeTask q = runtime.GetTask("q");
        var dest = new byte[SlotSize];
        links.Connect(p, q);
        links.Close(p, q);
        Assert.AreEqual(IpcStatus.Closed, links.ReceiveAny(p, dest, 0, out _, 0));

        Assert.IsTrue(runtime.Stop(TestRig.HangTimeoutMs));
        Assert.AreEqual(IpcStatus.Closed, links.ReceiveAny(p, dest, 0, out MessageInfo stopped, TestRig.HangTimeoutMs));
        runtime.Dispose();

        Assert.AreEqual(0, stopped.Sender);
        Assert.AreEqual(
            "'bell1' belongs to a disposed runtime.",
            Assert.ThrowsExactly<ObjectDisposedException>(() => links.ReceiveAny(p, dest, 0, out _, 0)).Message);
        Assert.ThrowsExactly<ObjectDisposedException>(() => links.Send(p, q, new byte[4], 0, 4, 0, 0));
    }

    [TestMethod]
    public void ReceiveAny_TaskThatNeverHadALink_StillWaitsForItsFirst()
    {
        // Steps: p, which never had a link, polls ReceiveAny.
        // Expected: Empty (not Closed): a task that has never been linked waits for its first peer.
        using IpcRuntime runtime = Build(1);

        Assert.AreEqual(IpcStatus.Empty, runtime.Links.ReceiveAny(runtime.GetTask("p"), new byte[SlotSize], 0, out _, 0));
    }
}
