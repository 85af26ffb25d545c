using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

/// <summary><see cref="Selector.Select"/>: send cases beside receive cases, exactly one case per call.</summary>
[TestClass]
public sealed class SelectSendTests
{
    /// <summary>Tasks t1..t4; mailboxes "a" (capacity 1), "b" (capacity 2), "r" (a rendezvous), all with 8-byte slots.</summary>
    private static IpcRuntime Build()
    {
        var layout = new IpcLayout();
        for (int t = 1; t <= 4; t++)
        {
            layout.AddTask("t" + t);
        }

        layout.AddMailbox("a", 1, 8).AddMailbox("b", 2, 8).AddMailbox("r", 0, 8);
        return layout.Build(new ManualClock());
    }

    private static (IpcStatus Status, int Index, int Value) Run(EdgeTask task, SelectCase?[] cases, int timeoutMs)
    {
        var dest = new byte[8];
        IpcStatus status = Selector.Select(task, cases, dest, 0, out _, out int index, timeoutMs);
        return (status, index, TestRig.Int(dest));
    }

    [TestMethod]
    public void Select_SendCaseBlockedUntilRoomAppears_SendsItsMessageAndReceivesNothing()
    {
        // Steps: "a" is full; a select over {send 7 to a, receive from b} blocks; another task takes a's message.
        // Expected: the select returns Ok for case 0, a now holds 7 from the selecting task, b is untouched.
        using IpcRuntime runtime = Build();
        Mailbox a = runtime.GetMailbox("a"), b = runtime.GetMailbox("b");
        EdgeTask t1 = runtime.GetTask("t1"), t2 = runtime.GetTask("t2");
        a.TrySend(t2, TestRig.Bytes(1), 0, 4, 0);
        SelectCase?[] cases = { SelectCase.Send(a, TestRig.Bytes(7), 0, 4, 70), SelectCase.Receive(b) };
        Task<(IpcStatus, int, int)> selector = TestRig.Run(() => Run(t1, cases, Timeout.Infinite));
        TestRig.UntilParked(a, 1, 0);
        TestRig.UntilParked(b, 0, 1);

        var dest = new byte[8];
        Assert.AreEqual(IpcStatus.Ok, a.TryReceive(t2, dest, out _));

        Assert.AreEqual((IpcStatus.Ok, 0, 0), TestRig.Await(selector));
        Assert.AreEqual(IpcStatus.Ok, a.TryReceive(t2, dest, out MessageInfo info));
        Assert.AreEqual((7, 70, 1, 4), (TestRig.Int(dest), info.Tag, info.Sender, info.Length));
        Assert.AreEqual(0, b.WaitingReceivers);
        Assert.IsTrue(a.CheckInvariants() && b.CheckInvariants());
    }

    [TestMethod]
    public void Select_ReceiveCaseGetsAMessageWhileSendCaseIsBlocked_SendsNothing()
    {
        // Steps: "a" is full; a select over {send 7 to a, receive from b} blocks; 9 is sent to b.
        // Expected: Ok for case 1 with 9; a still holds only its first message, and nobody waits on it.
        using IpcRuntime runtime = Build();
        Mailbox a = runtime.GetMailbox("a"), b = runtime.GetMailbox("b");
        EdgeTask t1 = runtime.GetTask("t1"), t2 = runtime.GetTask("t2");
        a.TrySend(t2, TestRig.Bytes(1), 0, 4, 0);
        SelectCase?[] cases = { SelectCase.Send(a, TestRig.Bytes(7), 0, 4, 0), SelectCase.Receive(b) };
        Task<(IpcStatus, int, int)> selector = TestRig.Run(() => Run(t1, cases, Timeout.Infinite));
        TestRig.UntilParked(a, 1, 0);
        TestRig.UntilParked(b, 0, 1);

        b.TrySend(t2, TestRig.Bytes(9), 0, 4, 0);

        Assert.AreEqual((IpcStatus.Ok, 1, 9), TestRig.Await(selector));
        Assert.AreEqual(0, a.WaitingSenders);
        var dest = new byte[8];
        Assert.AreEqual(IpcStatus.Ok, a.TryReceive(t2, dest, out _));
        Assert.AreEqual(1, TestRig.Int(dest));
        Assert.AreEqual(IpcStatus.Empty, a.TryReceive(t2, dest, out _));
        Assert.AreEqual(1L, a.GetStatistics().Sent);
    }

    [TestMethod]
    public void Select_TwoBlockedSendCasesWithDifferentMessages_TheOneThatGetsRoomSendsItsOwn()
    {
        // Steps: "a" and "b" are full; a select over {send 7 to a, send 8 to b} blocks; one message is taken from b.
        // Expected: Ok for case 1; b's next messages are its second one and then 8; a holds only its first.
        using IpcRuntime runtime = Build();
        Mailbox a = runtime.GetMailbox("a"), b = runtime.GetMailbox("b");
        EdgeTask t1 = runtime.GetTask("t1"), t2 = runtime.GetTask("t2");
        a.TrySend(t2, TestRig.Bytes(1), 0, 4, 0);
        b.TrySend(t2, TestRig.Bytes(2), 0, 4, 0);
        b.TrySend(t2, TestRig.Bytes(3), 0, 4, 0);
        SelectCase?[] cases = { SelectCase.Send(a, TestRig.Bytes(7), 0, 4, 0), SelectCase.Send(b, TestRig.Bytes(8), 0, 4, 0) };
        Task<(IpcStatus, int, int)> selector = TestRig.Run(() => Run(t1, cases, Timeout.Infinite));
        TestRig.UntilParked(a, 1, 0);
        TestRig.UntilParked(b, 1, 0);
        var dest = new byte[8];

        Assert.AreEqual(IpcStatus.Ok, b.TryReceive(t2, dest, out _));

        Assert.AreEqual((IpcStatus.Ok, 1), (TestRig.Await(selector).Item1, selector.Result.Item2));
        var rest = new List<int>();
        while (b.TryReceive(t2, dest, out _) == IpcStatus.Ok)
        {
            rest.Add(TestRig.Int(dest));
        }

        CollectionAssert.AreEqual(new[] { 3, 8 }, rest);
        Assert.AreEqual((1L, 0), (a.GetStatistics().Sent, a.WaitingSenders));
    }

    [TestMethod]
    public void Select_BothCasesPossible_ExactlyOneHappensAndTheyAlternate()
    {
        using IpcRuntime runtime = Build();
        Mailbox a = runtime.GetMailbox("a"), b = runtime.GetMailbox("b");
        EdgeTask t1 = runtime.GetTask("t1"), t2 = runtime.GetTask("t2");
        SelectCase?[] cases = { SelectCase.Send(a, TestRig.Bytes(5), 0, 4, 0), SelectCase.Receive(b) };
        var seen = new List<int>();
        var dest = new byte[8];
        for (int round = 0; round < 6; round++)
        {
            // Keep both possible: room in a, a message in b.
            a.TryReceive(t2, dest, out _);
            b.TrySend(t2, TestRig.Bytes(round), 0, 4, 0);

            Assert.AreEqual(IpcStatus.Ok, Selector.Select(t1, cases, dest, 0, out _, out int index, 0));
            seen.Add(index);
        }

        CollectionAssert.AreEqual(new[] { 0, 1, 0, 1, 0, 1 }, seen);
        Assert.AreEqual(3L, a.GetStatistics().Sent);
        Assert.AreEqual(3L, b.GetStatistics().Received);
    }

    [TestMethod]
    public void Select_PlainReceiverOnRendezvousSendCase_TakesTheCaseMessage()
    {
        // Steps: a select over {receive from b, send 11 to the rendezvous r} blocks; another task peeks, then receives from r.
        // Expected: peek and receive show 11 with the case's tag and the selecting task as sender; the select returns Ok for case 1.
        using IpcRuntime runtime = Build();
        Mailbox r = runtime.GetMailbox("r"), b = runtime.GetMailbox("b");
        EdgeTask t1 = runtime.GetTask("t1"), t2 = runtime.GetTask("t2");
        SelectCase?[] cases = { SelectCase.Receive(b), SelectCase.Send(r, TestRig.Bytes(11), 0, 4, 110) };
        Task<(IpcStatus, int, int)> selector = TestRig.Run(() => Run(t1, cases, Timeout.Infinite));
        TestRig.UntilParked(r, 1, 0);
        var dest = new byte[8];

        Assert.AreEqual(IpcStatus.Ok, r.Peek(t2, dest, 0, out MessageInfo peeked));
        Assert.AreEqual((11, 110), (TestRig.Int(dest), peeked.Tag));
        Assert.AreEqual(IpcStatus.Ok, r.Receive(t2, dest, 0, out MessageInfo info, Timeout.Infinite));

        Assert.AreEqual((11, 110, 1, 1), (TestRig.Int(dest), info.Tag, info.Sender, info.Sequence));
        Assert.AreEqual((IpcStatus.Ok, 1, 0), TestRig.Await(selector));
        Assert.AreEqual(0, b.WaitingReceivers);
    }

    [TestMethod]
    public void Select_RendezvousSendCaseMeetsAWaitingReceiver_HandsTheMessageOver()
    {
        // Steps: a task blocks receiving from the rendezvous r; a select over {send 12 to r} runs.
        // Expected: Ok for case 0 at once (a pure-send select needs no destination); the receiver holds 12.
        using IpcRuntime runtime = Build();
        Mailbox r = runtime.GetMailbox("r");
        EdgeTask t1 = runtime.GetTask("t1"), t2 = runtime.GetTask("t2");
        Task<int> receiver = TestRig.Run(() =>
        {
            var dest = new byte[8];
            Assert.AreEqual(IpcStatus.Ok, r.Receive(t2, dest, 0, out _, Timeout.Infinite));
            return TestRig.Int(dest);
        });
        TestRig.UntilParked(r, 0, 1);

        IpcStatus status = Selector.Select(t1, new SelectCase?[] { SelectCase.Send(r, TestRig.Bytes(12), 0, 4, 0) }, null, 0, out _, out int index, Timeout.Infinite);

        Assert.AreEqual((IpcStatus.Ok, 0), (status, index));
        Assert.AreEqual(12, TestRig.Await(receiver));
        IpcStatus unused = Selector.Select(t1, new SelectCase?[] { SelectCase.Send(runtime.GetMailbox("b"), TestRig.Bytes(1), 0, 4, 0) }, new byte[2], 5, out _, out _, 0);
        Assert.AreEqual(IpcStatus.Ok, unused, "Without a receive case the destination is not used.");
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void Select_TwoSelectorsMeetOnARendezvous_EachTransferHappensOnceOnBothSides()
    {
        // Steps: 5,000 rounds; t1 selects {send i to r, receive from a}, t2 selects {receive from b, receive from r},
        // on two threads; nobody ever sends to a or b.
        // Expected: every round both return Ok, t1 for case 0 and t2 for case 1 holding i, in order.
        const int rounds = 5_000;
        using IpcRuntime runtime = Build();
        Mailbox r = runtime.GetMailbox("r"), a = runtime.GetMailbox("a"), b = runtime.GetMailbox("b");
        EdgeTask t1 = runtime.GetTask("t1"), t2 = runtime.GetTask("t2");
        Task sender = TestRig.Run(() =>
        {
            var payload = new byte[4];
            SelectCase send = SelectCase.Send(r, payload, 0, 4, 0);
            SelectCase?[] cases = { send, SelectCase.Receive(a) };
            var dest = new byte[8];
            for (int i = 0; i < rounds; i++)
            {
                BitConverter.TryWriteBytes(payload, i);
                Assert.AreEqual(IpcStatus.Ok, Selector.Select(t1, cases, dest, 0, out _, out int index, Timeout.Infinite));
                Assert.AreEqual(0, index);
            }
        });
        Task receiver = TestRig.Run(() =>
        {
            SelectCase?[] cases = { SelectCase.Receive(b), SelectCase.Receive(r) };
            var dest = new byte[8];
            for (int i = 0; i < rounds; i++)
            {
                Assert.AreEqual(IpcStatus.Ok, Selector.Select(t2, cases, dest, 0, out MessageInfo info, out int index, Timeout.Infinite));
                Assert.AreEqual((1, i, 1), (index, TestRig.Int(dest), info.Sender));
            }
        });

        TestRig.Await(sender);
        TestRig.Await(receiver);
        BufferStatistics s = r.GetStatistics();
        Assert.AreEqual(((long)rounds, (long)rounds), (s.Sent, s.Received));
        Assert.AreEqual(0L, a.GetStatistics().Received + b.GetStatistics().Received);
    }

    [TestMethod]
    public void Select_SendCaseBufferClosedWhileWaiting_ReturnsClosedForThatCase()
    {
        // Steps: "a" is full; a select over {receive from b, send to a} blocks; a is closed.
        // Expected: Closed for case 1; a holds only its first message; nobody waits on b.
        using IpcRuntime runtime = Build();
        Mailbox a = runtime.GetMailbox("a"), b = runtime.GetMailbox("b");
        EdgeTask t1 = runtime.GetTask("t1"), t2 = runtime.GetTask("t2");
        a.TrySend(t2, TestRig.Bytes(1), 0, 4, 0);
        SelectCase?[] cases = { SelectCase.Receive(b), SelectCase.Send(a, TestRig.Bytes(7), 0, 4, 0) };
        Task<(IpcStatus, int, int)> selector = TestRig.Run(() => Run(t1, cases, Timeout.Infinite));
        TestRig.UntilParked(a, 1, 0);
        TestRig.UntilParked(b, 0, 1);

        a.Close();

        Assert.AreEqual(IpcStatus.Closed, TestRig.Await(selector).Item1);
        Assert.AreEqual(1, selector.Result.Item2);
        Assert.AreEqual(1L, a.GetStatistics().Sent);
        Assert.AreEqual(0, b.WaitingReceivers);
        Assert.AreEqual((IpcStatus.Closed, 1, 0), Run(t1, cases, 0), "A send case on a closed buffer is Closed at once.");
    }

    [TestMethod]
    public void Select_SendCaseBufferPurgedWhileWaiting_ReturnsPurgedAndSendsNothing()
    {
        using IpcRuntime runtime = Build();
        Mailbox a = runtime.GetMailbox("a");
        EdgeTask t1 = runtime.GetTask("t1"), t2 = runtime.GetTask("t2");
        a.TrySend(t2, TestRig.Bytes(1), 0, 4, 0);
        SelectCase?[] cases = { SelectCase.Send(a, TestRig.Bytes(7), 0, 4, 0) };
        Task<(IpcStatus, int, int)> selector = TestRig.Run(() => Run(t1, cases, Timeout.Infinite));
        TestRig.UntilParked(a, 1, 0);

        a.Purge();

        Assert.AreEqual((IpcStatus.Purged, 0, 0), TestRig.Await(selector));
        Assert.AreEqual(0, a.GetStatistics().Depth);
    }

    [TestMethod]
    public void Select_TimesOutWithASendCase_SendsNothingAndCountsTheTimeout()
    {
        using IpcRuntime runtime = Build();
        Mailbox a = runtime.GetMailbox("a"), b = runtime.GetMailbox("b");
        EdgeTask t1 = runtime.GetTask("t1"), t2 = runtime.GetTask("t2");
        a.TrySend(t2, TestRig.Bytes(1), 0, 4, 0);
        SelectCase?[] cases = { SelectCase.Send(a, TestRig.Bytes(7), 0, 4, 0), null, SelectCase.Receive(b) };

        Assert.AreEqual((IpcStatus.Empty, -1, 0), Run(t1, cases, 0));
        Assert.AreEqual(0L, a.GetStatistics().RefusedFull, "A poll keeps its message: no refusal.");
        Assert.AreEqual((IpcStatus.TimedOut, -1, 0), Run(t1, cases, 20));

        var dest = new byte[8];
        Assert.AreEqual(IpcStatus.Ok, a.TryReceive(t2, dest, out _));
        Assert.AreEqual(1, TestRig.Int(dest));
        Assert.AreEqual(IpcStatus.Empty, a.TryReceive(t2, dest, out _), "The timed-out case must not be sent later.");
        Assert.AreEqual((1L, 1L, 0L), (a.GetStatistics().Sent, a.GetStatistics().TimedOut, a.GetStatistics().RefusedFull));
        Assert.AreEqual(1L, b.GetStatistics().TimedOut);
    }

    [TestMethod]
    public void Select_SendAndReceiveOnOneRendezvous_NeverMeetsItself()
    {
        using IpcRuntime runtime = Build();
        Mailbox r = runtime.GetMailbox("r");
        EdgeTask t1 = runtime.GetTask("t1");
        SelectCase?[] cases = { SelectCase.Send(r, TestRig.Bytes(3), 0, 4, 0), SelectCase.Receive(r) };

        Assert.AreEqual((IpcStatus.Empty, -1, 0), Run(t1, cases, 0));
        Assert.AreEqual((IpcStatus.TimedOut, -1, 0), Run(t1, cases, 20));
        Assert.AreEqual((0L, 0, 0), (r.GetStatistics().Sent, r.WaitingSenders, r.WaitingReceivers));
    }
}
