using System;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

/// <summary>
/// A shared region refuses misuse exactly as a buffer does: a task of another runtime throws before anything
/// is written or awaited, and after the runtime is disposed every write, read and wait throws
/// <see cref="ObjectDisposedException"/> with the buffers' message.
/// </summary>
[TestClass]
public sealed class RegionMisuseTests
{
    [TestMethod]
    public void Write_TaskOfAnotherRuntime_IsRefusedAsABufferRefusesItAndWritesNothing()
    {
        // Steps: runtime a has region "state" and mailbox "box"; a task of runtime b writes the region (array,
        // span and typed forms) and sends to the mailbox.
        // Expected: ArgumentException on "writer" with the buffers' message; the version, the last writer and the
        // bytes are unchanged.
        using IpcRuntime a = new IpcLayout().AddTask("own").AddSharedRegion("state", 4).AddMailbox("box", 1, 4).Build();
        using IpcRuntime b = new IpcLayout().AddTask("stranger").Build();
        SharedRegion region = a.GetSharedRegion("state");
        EdgeTask stranger = b.GetTask(1);
        var record = new byte[] { 1, 2, 3, 4 };

        ArgumentException array = Assert.ThrowsExactly<ArgumentException>(() => region.Write(stranger, record, 0, 0, 4));
        ArgumentException span = Assert.ThrowsExactly<ArgumentException>(() => region.Write(stranger, record.AsSpan(), 0));
        ArgumentException typed = Assert.ThrowsExactly<ArgumentException>(() => region.Write(stranger, 7, 0));
        ArgumentException buffer = Assert.ThrowsExactly<ArgumentException>(() => a.GetMailbox("box").TrySend(stranger, record, 0, 4, 0));

        Assert.AreEqual("stranger (task 1) belongs to another runtime than 'state'. (Parameter 'writer')", array.Message);
        Assert.AreEqual(array.Message, span.Message);
        Assert.AreEqual(array.Message, typed.Message);
        Assert.AreEqual("stranger (task 1) belongs to another runtime than 'box'. (Parameter 'sender')", buffer.Message);
        Assert.AreEqual(0, region.Version);
        Assert.AreEqual(0, region.LastWriterId);
        var bytes = new byte[4];
        region.Read(bytes, 0, 0, 4);
        CollectionAssert.AreEqual(new byte[4], bytes);
    }

    [TestMethod]
    public void WaitForChange_TaskOfAnotherRuntime_IsRefusedAndNobodyWaits()
    {
        // Steps: a task of runtime b waits on runtime a's region, with a timeout of 0 and of 1 ms.
        // Expected: ArgumentException on "waiter" both times; no task is queued on the region.
        using IpcRuntime a = new IpcLayout().AddTask("own").AddSharedRegion("state", 4).Build();
        using IpcRuntime b = new IpcLayout().AddTask("stranger").Build();
        SharedRegion region = a.GetSharedRegion("state");

        ArgumentException poll = Assert.ThrowsExactly<ArgumentException>(() => region.WaitForChange(b.GetTask(1), 0, 0));
        ArgumentException timed = Assert.ThrowsExactly<ArgumentException>(() => region.WaitForChange(b.GetTask(1), 0, 1));

        Assert.AreEqual("stranger (task 1) belongs to another runtime than 'state'. (Parameter 'waiter')", poll.Message);
        Assert.AreEqual(poll.Message, timed.Message);
        Assert.AreEqual(0, region.WaitingTasks);
        Assert.AreEqual(IpcStatus.TimedOut, region.WaitForChange(a.GetTask(1), 0, 0));
    }

    [TestMethod]
    public void EveryOperation_AfterDispose_ThrowsObjectDisposedAsABufferDoes()
    {
        // Steps: a runtime with a region and a mailbox is written to, then disposed; every write, read and wait
        // on the region is tried, and a send on the mailbox.
        // Expected: each throws ObjectDisposedException, the region's naming it as the buffer's names the
        // mailbox; Version, LastWriterId and IsClosed still answer (as a buffer's statistics do).
        IpcRuntime runtime = new IpcLayout().AddTask("own").AddSharedRegion("state", 4).AddMailbox("box", 1, 4).Build();
        SharedRegion region = runtime.GetSharedRegion("state");
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask own = runtime.GetTask(1);
        var bytes = new byte[4];
        Assert.AreEqual(IpcStatus.Ok, region.Write(own, bytes, 0, 0, 4));

        runtime.Dispose();

        const string expected = "'state' belongs to a disposed runtime.";
        Assert.AreEqual(expected, Assert.ThrowsExactly<ObjectDisposedException>(() => region.Write(own, bytes, 0, 0, 4)).Message);
        Assert.AreEqual(expected, Assert.ThrowsExactly<ObjectDisposedException>(() => region.Write(own, bytes.AsSpan(), 0)).Message);
        Assert.AreEqual(expected, Assert.ThrowsExactly<ObjectDisposedException>(() => region.Post(bytes, 0, 0, 4)).Message);
        Assert.AreEqual(expected, Assert.ThrowsExactly<ObjectDisposedException>(() => region.Read(bytes, 0, 0, 4)).Message);
        Assert.AreEqual(expected, Assert.ThrowsExactly<ObjectDisposedException>(() => region.TryRead(bytes, 0, 0, 4, out _)).Message);
        Assert.AreEqual(expected, Assert.ThrowsExactly<ObjectDisposedException>(() => region.Read<int>(0, out _)).Message);
        Assert.AreEqual(expected, Assert.ThrowsExactly<ObjectDisposedException>(() => region.WaitForChange(own, 2, 0)).Message);
        Assert.AreEqual(
            "'box' belongs to a disposed runtime.",
            Assert.ThrowsExactly<ObjectDisposedException>(() => box.TrySend(own, bytes, 0, 4, 0)).Message);
        Assert.AreEqual(2, region.Version);
        Assert.AreEqual(own.Id, region.LastWriterId);
        Assert.IsTrue(region.IsClosed);
    }

    [TestMethod]
    public void Write_AfterStopButBeforeDispose_IsClosedAsABufferSend()
    {
        // Steps: the runtime is stopped (not disposed); the region is written and read, the mailbox sent to.
        // Expected: the write and the send return Closed; the read still returns the last snapshot.
        using IpcRuntime runtime = new IpcLayout().AddTask("own").AddSharedRegion("state", 4).AddMailbox("box", 1, 4).Build();
        SharedRegion region = runtime.GetSharedRegion("state");
        EdgeTask own = runtime.GetTask(1);
        Assert.AreEqual(IpcStatus.Ok, region.Write(own, new byte[] { 9, 9, 9, 9 }, 0, 0, 4));

        Assert.IsTrue(runtime.Stop(TestRig.HangTimeoutMs));

        Assert.AreEqual(IpcStatus.Closed, region.Write(own, new byte[4], 0, 0, 4));
        Assert.AreEqual(IpcStatus.Closed, runtime.GetMailbox("box").TrySend(own, new byte[4], 0, 4, 0));
        var bytes = new byte[4];
        Assert.AreEqual(2, region.Read(bytes, 0, 0, 4));
        CollectionAssert.AreEqual(new byte[] { 9, 9, 9, 9 }, bytes);
    }
}
