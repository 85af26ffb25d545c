using System;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

/// <summary>Selects that are misuse are refused before anything happens: no message taken, no counter moved.</summary>
[TestClass]
public sealed class SelectMisuseTests
{
    private static IpcRuntime Build()
    {
        var layout = new IpcLayout().AddTask("t1").AddTask("t2").AddTask("owner");
        layout.AddMailbox("open", 2, 8);
        layout.AddMailbox("private", 2, 8, new MailboxOptions { Owner = "owner", ReceiveMode = ReceiveMode.OwnerOnly });
        return layout.Build(new ManualClock());
    }

    private static void AssertUntouched(BoundedBuffer buffer, long sent, int depth)
    {
        BufferStatistics s = buffer.GetStatistics();
        Assert.AreEqual(sent, s.Sent);
        Assert.AreEqual(0L, s.Received);
        Assert.AreEqual(depth, s.Depth);
        Assert.AreEqual(0L, s.TimedOut);
        Assert.AreEqual(0L, s.RefusedFull);
    }

    [TestMethod]
    public void Receive_OwnerOnlySourceAfterAReadyOne_ThrowsAndTakesNothing()
    {
        using IpcRuntime runtime = Build();
        EdgeTask t1 = runtime.GetTask("t1");
        Mailbox open = runtime.GetMailbox("open");
        Mailbox mine = runtime.GetMailbox("private");
        open.TrySend(runtime.GetTask("t2"), TestRig.Bytes(1), 0, 4, 0);
        BoundedBuffer?[] sources = { open, mine };

        InvalidOperationException error = Assert.ThrowsExactly<InvalidOperationException>(
            () => Selector.Receive(t1, sources, new byte[8], 0, out _, out _, 0));

        Assert.AreEqual("Task 't1' (id 1) has no right to receive from 'private'; its owner restricts it.", error.Message);
        AssertUntouched(open, 1, 1);
        AssertUntouched(mine, 0, 0);
    }

    [TestMethod]
    public void Receive_RecycledSourceAfterAReadyOne_ThrowsAndTakesNothing()
    {
        using IpcRuntime runtime = Build();
        Mailbox open = runtime.GetMailbox("open");
        Mailbox stale = runtime.GetMailbox("private");
        PortId old = stale.Port;
        runtime.Recycle(old);
        open.TrySend(runtime.GetTask("t2"), TestRig.Bytes(1), 0, 4, 0);
        BoundedBuffer?[] sources = { open, stale };

        ObjectDisposedException error = Assert.ThrowsExactly<ObjectDisposedException>(
            () => Selector.Receive(runtime.GetTask("owner"), sources, new byte[8], 0, out _, out _, 0));

        StringAssert.Contains(error.Message, "mailbox 'private' (" + old + ") is stale: the mailbox was recycled.");
        AssertUntouched(open, 1, 1);
    }

    [TestMethod]
    public void Receive_EverySourceNull_ThrowsNamingTheProblem()
    {
        using IpcRuntime runtime = Build();

        ArgumentException error = Assert.ThrowsExactly<ArgumentException>(
            () => Selector.Receive(runtime.GetTask("t1"), new BoundedBuffer?[3], new byte[8], 0, out _, out _, -1));

        Assert.AreEqual("sources", error.ParamName);
        StringAssert.Contains(error.Message, "Every entry of 'sources' is null: the select would wait on nothing and never return.");
    }

    [TestMethod]
    public void Receive_TimesOut_CountsOneTimeoutInEverySourceItWaitedOn()
    {
        using IpcRuntime runtime = Build();
        Mailbox open = runtime.GetMailbox("open");
        Mailbox mine = runtime.GetMailbox("private");
        BoundedBuffer?[] sources = { open, null, mine };
        EdgeTask owner = runtime.GetTask("owner");

        Assert.AreEqual(IpcStatus.Empty, Selector.Receive(owner, sources, new byte[8], 0, out _, out _, 0));
        Assert.AreEqual(0L, open.GetStatistics().TimedOut, "A poll that finds nothing is no timeout.");

        Assert.AreEqual(IpcStatus.TimedOut, Selector.Receive(owner, sources, new byte[8], 0, out _, out int index, 10));

        Assert.AreEqual(-1, index);
        Assert.AreEqual(1L, open.GetStatistics().TimedOut);
        Assert.AreEqual(1L, mine.GetStatistics().TimedOut);
    }

    [TestMethod]
    public void Select_SendCaseWithoutTheRightAfterAReadyReceiveCase_ThrowsAndTakesNothing()
    {
        using IpcRuntime runtime = Build();
        EdgeTask t1 = runtime.GetTask("t1");
        Mailbox open = runtime.GetMailbox("open");
        Mailbox mine = runtime.GetMailbox("private");
        mine.RestrictSenders(runtime.GetTask("owner"), new EdgeTask[0]);
        open.TrySend(runtime.GetTask("t2"), TestRig.Bytes(1), 0, 4, 0);
        SelectCase?[] cases = { SelectCase.Receive(open), SelectCase.Send(mine, TestRig.Bytes(2), 0, 4, 0) };

        InvalidOperationException error = Assert.ThrowsExactly<InvalidOperationException>(
            () => Selector.Select(t1, cases, new byte[8], 0, out _, out _, 0));

        Assert.AreEqual("Task 't1' (id 1) has no right to send to 'private'; its owner restricts it.", error.Message);
        AssertUntouched(open, 1, 1);
        AssertUntouched(mine, 0, 0);
    }

    [TestMethod]
    public void Select_ReceiveCaseOfOwnerOnlyMailboxAfterASendCase_ThrowsAndSendsNothing()
    {
        using IpcRuntime runtime = Build();
        Mailbox open = runtime.GetMailbox("open");
        SelectCase?[] cases = { SelectCase.Send(open, TestRig.Bytes(2), 0, 4, 0), SelectCase.Receive(runtime.GetMailbox("private")) };

        Assert.ThrowsExactly<InvalidOperationException>(() => Selector.Select(runtime.GetTask("t1"), cases, new byte[8], 0, out _, out _, 0));

        AssertUntouched(open, 0, 0);
    }

    [TestMethod]
    public void Select_EveryCaseNull_ThrowsNamingTheProblem()
    {
        using IpcRuntime runtime = Build();

        ArgumentException error = Assert.ThrowsExactly<ArgumentException>(
            () => Selector.Select(runtime.GetTask("t1"), new SelectCase?[2], new byte[8], 0, out _, out _, -1));

        Assert.AreEqual("cases", error.ParamName);
        StringAssert.Contains(error.Message, "Every entry of 'cases' is null: the select would wait on nothing and never return.");
    }

    [TestMethod]
    public void Select_BadArguments_ThrowBeforeAnythingIsSent()
    {
        using IpcRuntime runtime = Build();
        using IpcRuntime other = Build();
        EdgeTask t1 = runtime.GetTask("t1");
        Mailbox open = runtime.GetMailbox("open");
        SelectCase send = SelectCase.Send(open, TestRig.Bytes(2), 0, 4, 0);

        Assert.AreEqual("task", Assert.ThrowsExactly<ArgumentNullException>(() => Selector.Select(null!, new SelectCase?[] { send }, null, 0, out _, out _, 0)).ParamName);
        Assert.AreEqual("cases", Assert.ThrowsExactly<ArgumentNullException>(() => Selector.Select(t1, null!, null, 0, out _, out _, 0)).ParamName);
        Assert.AreEqual("destination", Assert.ThrowsExactly<ArgumentNullException>(() => Selector.Select(t1, new SelectCase?[] { send, SelectCase.Receive(open) }, null, 0, out _, out _, 0)).ParamName);
        ArgumentException small = Assert.ThrowsExactly<ArgumentException>(() => Selector.Select(t1, new SelectCase?[] { send, SelectCase.Receive(open) }, new byte[8], 1, out _, out _, 0));
        StringAssert.Contains(small.Message, "Destination has room for 7 bytes but messages of 'open' may be up to 8 bytes.");
        ArgumentException foreign = Assert.ThrowsExactly<ArgumentException>(() => Selector.Select(other.GetTask("t1"), new SelectCase?[] { send }, null, 0, out _, out _, 0));
        StringAssert.Contains(foreign.Message, "belongs to another runtime than 'open'");
        Assert.ThrowsExactly<ArgumentException>(() => Selector.Select(t1, new SelectCase?[9], null, 0, out _, out _, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Selector.Select(t1, new SelectCase?[] { send }, null, 0, out _, out _, -2));

        AssertUntouched(open, 0, 0);
    }

    [TestMethod]
    public void SelectCase_OversizePayloadOrPayloadForAReceive_Throws()
    {
        using IpcRuntime runtime = Build();
        Mailbox open = runtime.GetMailbox("open");

        ArgumentException oversize = Assert.ThrowsExactly<ArgumentException>(() => SelectCase.Send(open, new byte[9], 0, 9, 0));
        StringAssert.Contains(oversize.Message, "Payload of 9 bytes does not fit the 8-byte slots of 'open'.");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => SelectCase.Send(open, new byte[4], 2, 4, 0));
        Assert.ThrowsExactly<ArgumentNullException>(() => SelectCase.Receive(null!));
        Assert.ThrowsExactly<InvalidOperationException>(() => SelectCase.Receive(open).SetPayload(new byte[4], 0, 4, 0));
    }
}
