using System;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

[TestClass]
public sealed class LayoutTests
{
    [TestMethod]
    public void RequiredBytes_BeforeBuild_EqualsWhatBuildReserves()
    {
        IpcLayout layout = new IpcLayout()
            .AddTask("a")
            .AddTask("b")
            .AddBuffer("samples", 16, 64)
            .AddMailbox("commands", 4, 32);
        int expected = (16 * (64 + BoundedBuffer.HeaderBytes)) + (4 * (32 + BoundedBuffer.HeaderBytes)) + (2 * 64);

        Assert.AreEqual(expected, layout.RequiredBytes);
        long before = GC.GetAllocatedBytesForCurrentThread();
        using IpcRuntime runtime = layout.Build();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.AreEqual(expected, runtime.ReservedBytes);
        Assert.IsTrue(allocated >= expected, $"Build allocated {allocated} bytes, less than the {expected} it reserves.");
    }

    [TestMethod]
    public void Add_AfterBuild_ThrowsSealedError()
    {
        var layout = new IpcLayout().AddTask("a").AddMailbox("m", 1, 8);
        using IpcRuntime runtime = layout.Build();

        InvalidOperationException error = Assert.ThrowsExactly<InvalidOperationException>(() => layout.AddMailbox("late", 1, 8));

        StringAssert.Contains(error.Message, "late");
        StringAssert.Contains(error.Message, "sealed");
        Assert.ThrowsExactly<InvalidOperationException>(() => layout.AddBuffer("late2", 1, 8));
        Assert.ThrowsExactly<InvalidOperationException>(() => layout.AddTask("late3"));
        Assert.ThrowsExactly<InvalidOperationException>(() => layout.Build());
    }

    [TestMethod]
    public void Add_OutOfRangeSizes_ThrowNamingValueAndLimit()
    {
        var layout = new IpcLayout();

        ArgumentOutOfRangeException capacity = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => layout.AddBuffer("b", -1, 8));
        ArgumentOutOfRangeException slot = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => layout.AddMailbox("m", 1, IpcLayout.MaxSlotSize + 1));

        Assert.AreEqual("capacity", capacity.ParamName);
        StringAssert.Contains(capacity.Message, "-1");
        StringAssert.Contains(capacity.Message, IpcLayout.MaxCapacity.ToString());
        StringAssert.Contains(slot.Message, (IpcLayout.MaxSlotSize + 1).ToString());
        Assert.AreEqual(0, layout.RequiredBytes);
    }

    [TestMethod]
    public void Add_DuplicateOrBadNames_Throw()
    {
        var layout = new IpcLayout().AddTask("t").AddMailbox("m", 1, 8);

        Assert.ThrowsExactly<ArgumentException>(() => layout.AddTask("t"));
        Assert.ThrowsExactly<ArgumentException>(() => layout.AddMailbox("m", 1, 8));
        Assert.ThrowsExactly<ArgumentException>(() => layout.AddBuffer("m", 1, 8));
        Assert.ThrowsExactly<ArgumentException>(() => layout.AddBuffer("", 1, 8));
        Assert.ThrowsExactly<ArgumentException>(() => layout.AddBuffer(new string('x', IpcLayout.MaxNameLength + 1), 1, 8));
        Assert.ThrowsExactly<ArgumentNullException>(() => layout.AddTask(null!));
    }

    [TestMethod]
    public void Build_OwnerThatIsNotATask_Throws()
    {
        var layout = new IpcLayout().AddMailbox("m", 1, 8, new MailboxOptions { Owner = "ghost" });

        ArgumentException error = Assert.ThrowsExactly<ArgumentException>(() => layout.Build());

        StringAssert.Contains(error.Message, "ghost");
        Assert.IsFalse(layout.IsSealed);
    }

    [TestMethod]
    public void Lookup_ByName_FindsPortAndRefusesUnknownNames()
    {
        using IpcRuntime runtime = new IpcLayout().AddMailbox("alpha", 1, 8).AddMailbox("beta", 1, 8).Build();

        PortId beta = runtime.Lookup("beta");

        Assert.AreEqual("beta", runtime.Open(beta).Name);
        Assert.AreEqual(1, beta.Generation);
        Assert.AreNotEqual(runtime.Lookup("alpha"), beta);
        Assert.IsFalse(runtime.TryLookup("gamma", out PortId none));
        Assert.AreEqual(PortId.None, none);
        Assert.ThrowsExactly<ArgumentException>(() => runtime.Lookup("gamma"));
        Assert.ThrowsExactly<ArgumentException>(() => runtime.Open(PortId.None));
        Assert.ThrowsExactly<ArgumentException>(() => runtime.Open(PortId.FromValue((1 << 10) | 7)));
    }

    [TestMethod]
    public void Recycle_StaleIdNeverAliasesTheNewMailbox()
    {
        using IpcRuntime runtime = new IpcLayout().AddTask("t").AddMailbox("m", 2, 8).Build();
        PortId first = runtime.Lookup("m");

        PortId second = runtime.Recycle(first);
        PortId third = runtime.Recycle(second);

        Assert.AreEqual(third, runtime.Lookup("m"));
        Assert.ThrowsExactly<ArgumentException>(() => runtime.Open(first));
        Assert.ThrowsExactly<ArgumentException>(() => runtime.Open(second));
        Assert.ThrowsExactly<ArgumentException>(() => runtime.Recycle(second));
        Assert.AreEqual(3, third.Generation);
    }

    [TestMethod]
    public void Start_RunsTaskBodiesAndStop_WakesBlockedTasks()
    {
        // Steps: a task with a body blocks receiving on an empty mailbox; Stop closes everything.
        // Expected: the body sees Closed and returns; Stop reports every thread ended.
        IpcStatus seen = IpcStatus.Ok;
        Mailbox? box = null;
        var layout = new IpcLayout()
            .AddTask("waiter", self => seen = box!.Receive(self, new byte[8], 0, out _, System.Threading.Timeout.Infinite))
            .AddMailbox("m", 1, 8);
        IpcRuntime runtime = layout.Build();
        box = runtime.GetMailbox("m");

        runtime.Start();
        TestRig.UntilParked(box, 0, 1);
        bool stopped = runtime.Stop(TestRig.HangTimeoutMs);

        Assert.IsTrue(stopped);
        Assert.AreEqual(IpcStatus.Closed, seen);
        Assert.IsTrue(runtime.GetTask("waiter").IsStopRequested);
        Assert.IsNull(runtime.GetTask("waiter").Fault);
    }

    [TestMethod]
    public void Receive_OwnerOnlyMailbox_RefusesOtherTasksBeforeTakingAnything()
    {
        using IpcRuntime runtime = new IpcLayout()
            .AddTask("owner")
            .AddTask("other")
            .AddMailbox("private", 2, 8, new MailboxOptions { Owner = "owner", ReceiveMode = ReceiveMode.OwnerOnly })
            .Build();
        Mailbox box = runtime.GetMailbox("private");
        EdgeTask owner = runtime.GetTask("owner");
        EdgeTask other = runtime.GetTask("other");
        Assert.AreEqual(IpcStatus.Ok, box.TrySend(other, new byte[1], 0, 1, 0));

        InvalidOperationException error = Assert.ThrowsExactly<InvalidOperationException>(() => box.TryReceive(other, new byte[8], out _));

        StringAssert.Contains(error.Message, "other");
        Assert.AreEqual(1, box.GetStatistics().Depth);
        Assert.AreEqual(IpcStatus.Ok, box.TryReceive(owner, new byte[8], out MessageInfo info));
        Assert.AreEqual(other.Id, info.Sender);
    }

    [TestMethod]
    public void Task_UsedFromTwoThreadsWhileBlocked_ThrowsClearError()
    {
        using IpcRuntime runtime = TestRig.Build(1, 1, 8);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask shared = runtime.GetTask(1);
        var first = TestRig.Run(() => box.Receive(shared, new byte[8], 0, out _, System.Threading.Timeout.Infinite));
        TestRig.UntilParked(box, 0, 1);

        InvalidOperationException error = Assert.ThrowsExactly<InvalidOperationException>(() => box.Receive(shared, new byte[8], 0, out _, 1000));

        StringAssert.Contains(error.Message, "t1");
        box.Close();
        Assert.AreEqual(IpcStatus.Closed, TestRig.Await(first));
    }

    [TestMethod]
    public void Send_TaskOfAnotherRuntime_ThrowsBeforeAnythingChanges()
    {
        using IpcRuntime one = TestRig.Build(1, 2, 8);
        using IpcRuntime other = TestRig.Build(5, 2, 8);
        Mailbox box = one.GetMailbox("box");

        ArgumentException error = Assert.ThrowsExactly<ArgumentException>(() => box.TrySend(other.GetTask(5), new byte[1], 0, 1, 0));

        StringAssert.Contains(error.Message, "another runtime");
        Assert.ThrowsExactly<ArgumentException>(() => box.TryReceive(other.GetTask(1), new byte[8], out _));
        Assert.AreEqual(0, box.GetStatistics().Sent);
        Assert.AreSame(one, one.GetTask(1).Runtime);
    }

    [TestMethod]
    public void AddSharedRegion_CountsInRequiredBytesAndStopWakesItsWaiters()
    {
        // Steps: declare a 100-byte region; build; a task waits for a change; stop the runtime.
        // Expected: RequiredBytes grew by 100 + header and matches ReservedBytes; the waiter wakes with Closed.
        IpcLayout layout = new IpcLayout().AddTask("t").AddSharedRegion("state", 100);
        Assert.AreEqual(100 + SharedRegion.HeaderBytes + 1, layout.RequiredBytes);
        IpcRuntime runtime = layout.Build();
        Assert.AreEqual(layout.RequiredBytes, runtime.ReservedBytes);
        SharedRegion region = runtime.GetSharedRegion("state");
        var waiter = TestRig.Run(() => region.WaitForChange(runtime.GetTask("t"), region.Version, System.Threading.Timeout.Infinite));
        System.Threading.SpinWait.SpinUntil(() => region.WaitingTasks == 1, TestRig.HangTimeoutMs);

        Assert.IsTrue(runtime.Stop(TestRig.HangTimeoutMs));

        Assert.AreEqual(IpcStatus.Closed, TestRig.Await(waiter));
    }

    [TestMethod]
    public void Operations_AfterDispose_ThrowObjectDisposed()
    {
        IpcRuntime runtime = new IpcLayout().AddTask("t").AddMailbox("m", 2, 8).AddBuffer("b", 2, 8).Build();
        Mailbox box = runtime.GetMailbox("m");
        BoundedBuffer buffer = runtime.GetBuffer("b");
        EdgeTask task = runtime.GetTask("t");
        box.TrySend(task, new byte[1], 0, 1, 0);

        runtime.Dispose();
        runtime.Dispose();

        ObjectDisposedException error = Assert.ThrowsExactly<ObjectDisposedException>(() => box.TrySend(task, new byte[1], 0, 1, 0));
        StringAssert.Contains(error.Message, "disposed runtime");
        Assert.ThrowsExactly<ObjectDisposedException>(() => buffer.TryReceive(task, new byte[8], out _));
        Assert.ThrowsExactly<ObjectDisposedException>(() => buffer.Post(new byte[1], 0, 1, 0));
        Assert.AreEqual(1, box.GetStatistics().Dropped);
    }

    [TestMethod]
    public void Recycle_AfterStop_IsRefused()
    {
        IpcRuntime runtime = new IpcLayout().AddMailbox("m", 1, 8).Build();
        PortId port = runtime.Lookup("m");
        runtime.Stop(TestRig.HangTimeoutMs);

        InvalidOperationException error = Assert.ThrowsExactly<InvalidOperationException>(() => runtime.Recycle(port));

        StringAssert.Contains(error.Message, "stopped");
        Assert.IsTrue(runtime.Open(port).IsClosed);
        runtime.Dispose();
    }
}
