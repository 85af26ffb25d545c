using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

[TestClass]
public sealed class DirectLinkTests
{
    private static IpcRuntime Build(int links = 4, int capacity = 4)
    {
        return new IpcLayout().AddTask("p").AddTask("q").AddTask("r").WithLinks(links, capacity, 8).Build(new ManualClock());
    }

    [TestMethod]
    public void ReceiveFrom_SpecificTask_LeavesOtherSendersMessagesInOrder()
    {
        using IpcRuntime runtime = Build();
        DirectLinks links = runtime.Links;
        EdgeTask p = runtime.GetTask("p"), q = runtime.GetTask("q"), r = runtime.GetTask("r");
        links.Send(q, p, TestRig.Bytes(1), 0, 4, 0, 0);
        links.Send(r, p, TestRig.Bytes(10), 0, 4, 0, 0);
        links.Send(q, p, TestRig.Bytes(2), 0, 4, 0, 0);
        links.Send(r, p, TestRig.Bytes(11), 0, 4, 0, 0);
        var dest = new byte[8];

        Assert.AreEqual(IpcStatus.Ok, links.Receive(p, r, dest, 0, out MessageInfo info, 0));
        Assert.AreEqual(10, TestRig.Int(dest));
        Assert.AreEqual(r.Id, info.Sender);
        Assert.AreEqual(IpcStatus.Ok, links.Receive(p, r, dest, 0, out _, 0));
        Assert.AreEqual(11, TestRig.Int(dest));
        Assert.AreEqual(IpcStatus.Empty, links.Receive(p, r, dest, 0, out _, 0));

        Assert.AreEqual(IpcStatus.Ok, links.Receive(p, q, dest, 0, out _, 0));
        Assert.AreEqual(1, TestRig.Int(dest));
        Assert.AreEqual(IpcStatus.Ok, links.Receive(p, q, dest, 0, out _, 0));
        Assert.AreEqual(2, TestRig.Int(dest));
    }

    [TestMethod]
    public void Link_IsBidirectionalAndOnePerPair()
    {
        using IpcRuntime runtime = Build();
        DirectLinks links = runtime.Links;
        EdgeTask p = runtime.GetTask("p"), q = runtime.GetTask("q");
        var dest = new byte[8];

        links.Send(p, q, TestRig.Bytes(1), 0, 4, 0, 0);
        links.Send(q, p, TestRig.Bytes(2), 0, 4, 0, 0);
        links.Connect(q, p);

        Assert.AreEqual(1, links.Count);
        Assert.AreEqual(IpcStatus.Ok, links.Receive(q, p, dest, 0, out _, 0));
        Assert.AreEqual(1, TestRig.Int(dest));
        Assert.AreEqual(IpcStatus.Ok, links.Receive(p, q, dest, 0, out _, 0));
        Assert.AreEqual(2, TestRig.Int(dest));
    }

    [TestMethod]
    public void Connect_PoolExhausted_ThrowsNamingTheLimit()
    {
        using IpcRuntime runtime = Build(links: 1);
        DirectLinks links = runtime.Links;
        links.Connect(runtime.GetTask("p"), runtime.GetTask("q"));

        InvalidOperationException error = Assert.ThrowsExactly<InvalidOperationException>(() => links.Connect(runtime.GetTask("p"), runtime.GetTask("r")));

        StringAssert.Contains(error.Message, "1 links");
        Assert.ThrowsExactly<ArgumentException>(() => links.Connect(runtime.GetTask("p"), runtime.GetTask("p")));
        Assert.ThrowsExactly<InvalidOperationException>(() => new IpcLayout().AddTask("x").Build().Links.Connect(null!, null!));
    }

    [TestMethod]
    public void ReceiveAny_FromSeveralPeers_NamesTheSender()
    {
        using IpcRuntime runtime = Build();
        DirectLinks links = runtime.Links;
        EdgeTask p = runtime.GetTask("p"), q = runtime.GetTask("q"), r = runtime.GetTask("r");
        links.Send(q, p, TestRig.Bytes(1), 0, 4, 0, 0);
        links.Send(r, p, TestRig.Bytes(2), 0, 4, 0, 0);
        var dest = new byte[8];
        var senders = new HashSet<int>();

        for (int i = 0; i < 2; i++)
        {
            Assert.AreEqual(IpcStatus.Ok, links.ReceiveAny(p, dest, 0, out MessageInfo info, 0));
            senders.Add(info.Sender);
        }

        CollectionAssert.AreEquivalent(new[] { q.Id, r.Id }, new List<int>(senders));
        Assert.AreEqual(IpcStatus.Empty, links.ReceiveAny(p, dest, 0, out _, 0));
        Assert.AreEqual(IpcStatus.TimedOut, links.ReceiveAny(p, dest, 0, out _, 10));
    }

    [TestMethod]
    public void ReceiveAny_LinkEstablishedWhileWaiting_IsHeard()
    {
        // Steps: p blocks in ReceiveAny with no links at all; then q sends to p for the first time.
        // Expected: the new link rings p's doorbell; p re-arms and receives q's message.
        using IpcRuntime runtime = Build();
        DirectLinks links = runtime.Links;
        EdgeTask p = runtime.GetTask("p"), q = runtime.GetTask("q");
        Task<(IpcStatus, int)> receiver = TestRig.Run(() =>
        {
            var dest = new byte[8];
            IpcStatus status = links.ReceiveAny(p, dest, 0, out MessageInfo info, Timeout.Infinite);
            return (status, info.Sender);
        });

        // The doorbell is the only source while p has no links; wait until p is parked on it.
        SpinWait.SpinUntil(() => receiver.IsCompleted || p.Waiter.IsWaiting, TestRig.HangTimeoutMs);
        Assert.AreEqual(IpcStatus.Ok, links.Send(q, p, TestRig.Bytes(5), 0, 4, 0, Timeout.Infinite));

        Assert.AreEqual((IpcStatus.Ok, q.Id), TestRig.Await(receiver));
    }

    [TestMethod]
    public void Send_RendezvousLink_CompletesOnlyWithTheReceiver()
    {
        using IpcRuntime runtime = Build(capacity: 0);
        DirectLinks links = runtime.Links;
        EdgeTask p = runtime.GetTask("p"), q = runtime.GetTask("q");

        Assert.AreEqual(IpcStatus.Full, links.Send(p, q, TestRig.Bytes(1), 0, 4, 0, 0));
        Task<IpcStatus> sender = TestRig.Run(() => links.Send(p, q, TestRig.Bytes(1), 0, 4, 0, Timeout.Infinite));
        SpinWait.SpinUntil(() => p.Waiter.IsWaiting, TestRig.HangTimeoutMs);
        Assert.IsFalse(sender.IsCompleted);

        Assert.AreEqual(IpcStatus.Ok, links.Receive(q, p, new byte[8], 0, out _, Timeout.Infinite));
        Assert.AreEqual(IpcStatus.Ok, TestRig.Await(sender));
    }

    [TestMethod]
    public void Stop_TasksBlockedOnLinks_WakeWithClosed()
    {
        // Steps: p blocks receiving from q; r blocks in ReceiveAny; stop the runtime.
        // Expected: both wake with Closed and Stop reports every task ended.
        var layout = new IpcLayout().WithLinks(4, 2, 8);
        IpcStatus fromQ = IpcStatus.Ok;
        IpcStatus fromAny = IpcStatus.Ok;
        layout.AddTask("p", self => fromQ = self.Runtime.Links.Receive(self, self.Runtime.GetTask("q"), new byte[8], 0, out _, Timeout.Infinite));
        layout.AddTask("q");
        layout.AddTask("r", self => fromAny = self.Runtime.Links.ReceiveAny(self, new byte[8], 0, out _, Timeout.Infinite));
        IpcRuntime runtime = layout.Build();
        runtime.Start();
        SpinWait.SpinUntil(() => runtime.GetTask("p").Waiter.IsWaiting && runtime.GetTask("r").Waiter.IsWaiting, TestRig.HangTimeoutMs);

        Assert.IsTrue(runtime.Stop(TestRig.HangTimeoutMs));

        Assert.AreEqual(IpcStatus.Closed, fromQ);
        Assert.AreEqual(IpcStatus.Closed, fromAny);
        runtime.Dispose();
        Assert.ThrowsExactly<ObjectDisposedException>(() => runtime.Links.Send(runtime.GetTask("q"), runtime.GetTask("p"), new byte[1], 0, 1, 0, 0));
    }

    [TestMethod]
    public void ReceiveAny_ClosedLink_IsReportedOnceNamingThePeerThenForgotten()
    {
        using IpcRuntime runtime = Build();
        DirectLinks links = runtime.Links;
        EdgeTask p = runtime.GetTask("p"), q = runtime.GetTask("q"), r = runtime.GetTask("r");
        links.Send(q, p, TestRig.Bytes(1), 0, 4, 0, 0);
        links.Connect(r, p);
        links.Close(q, p);
        var dest = new byte[8];

        Assert.AreEqual(IpcStatus.Ok, links.ReceiveAny(p, dest, 0, out MessageInfo drained, 0), "What q sent before closing still arrives.");
        Assert.AreEqual(q.Id, drained.Sender);
        Assert.AreEqual(IpcStatus.Closed, links.ReceiveAny(p, dest, 0, out MessageInfo closed, 0));
        Assert.AreEqual(q.Id, closed.Sender);
        Assert.AreEqual(IpcStatus.Empty, links.ReceiveAny(p, dest, 0, out _, 0), "The closed link is no longer reported.");
        links.Send(r, p, TestRig.Bytes(2), 0, 4, 0, 0);
        Assert.AreEqual(IpcStatus.Ok, links.ReceiveAny(p, dest, 0, out MessageInfo fromR, 0));
        Assert.AreEqual(r.Id, fromR.Sender);
        Assert.AreEqual(IpcStatus.Closed, links.Send(q, p, TestRig.Bytes(3), 0, 4, 0, 0));
    }

    [TestMethod]
    public void Close_PairWithoutLink_ThrowsAndTakesNoLink()
    {
        using IpcRuntime runtime = Build(links: 1);
        DirectLinks links = runtime.Links;

        Assert.ThrowsExactly<ArgumentException>(() => links.Close(runtime.GetTask("p"), runtime.GetTask("q")));

        Assert.AreEqual(0, links.Count);
    }
}
