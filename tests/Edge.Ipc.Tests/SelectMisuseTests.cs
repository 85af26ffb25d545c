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

        StringAssert.Contains(error.Message, old + " of mailbox 'private' is stale: the mailbox was recycled.");
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
}
