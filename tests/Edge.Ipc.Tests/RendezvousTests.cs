using System.Threading;
using System.Threading.Tasks;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

[TestClass]
public sealed class RendezvousTests
{
    [TestMethod]
    public void Send_ZeroCapacityWithoutReceiver_NeverCompletes()
    {
        using IpcRuntime runtime = TestRig.Build(2, 0, 8);
        Mailbox box = runtime.GetMailbox("box");

        Assert.AreEqual(IpcStatus.Full, box.TrySend(runtime.GetTask(1), TestRig.Bytes(1), 0, 4, 0));
        Assert.AreEqual(IpcStatus.TimedOut, box.Send(runtime.GetTask(1), TestRig.Bytes(1), 0, 4, 0, 20));

        BufferStatistics s = box.GetStatistics();
        Assert.AreEqual(0, s.Sent);
        Assert.AreEqual(0, s.HighWater);
        Assert.AreEqual(IpcStatus.Empty, box.TryReceive(runtime.GetTask(2), new byte[8], out _));
    }

    [TestMethod]
    public void Send_ZeroCapacity_CompletesOnlyWhenReceiverTakesTheMessage()
    {
        // Steps: a sender blocks on a rendezvous; check it has not completed; then receive.
        // Expected: the send completes Ok only after the receive, which gets the sender's message.
        using IpcRuntime runtime = TestRig.Build(2, 0, 8);
        Mailbox box = runtime.GetMailbox("box");
        Task<IpcStatus> sender = TestRig.Run(() => box.Send(runtime.GetTask(1), TestRig.Bytes(9), 0, 4, 3, Timeout.Infinite));
        TestRig.UntilParked(box, 1, 0);
        Assert.IsFalse(sender.IsCompleted);
        var dest = new byte[8];

        Assert.AreEqual(IpcStatus.Ok, box.Receive(runtime.GetTask(2), dest, 0, out MessageInfo info, 0));

        Assert.AreEqual(IpcStatus.Ok, TestRig.Await(sender));
        Assert.AreEqual(9, TestRig.Int(dest));
        Assert.AreEqual(3, info.Tag);
        Assert.AreEqual(1, info.Sequence);
    }

    [TestMethod]
    public void TrySend_ZeroCapacityWithReceiverWaiting_Succeeds()
    {
        using IpcRuntime runtime = TestRig.Build(2, 0, 8);
        Mailbox box = runtime.GetMailbox("box");
        Task<IpcStatus> receiver = TestRig.Run(() => box.Receive(runtime.GetTask(2), new byte[8], 0, out _, Timeout.Infinite));
        TestRig.UntilParked(box, 0, 1);

        Assert.AreEqual(IpcStatus.Ok, box.TrySend(runtime.GetTask(1), TestRig.Bytes(1), 0, 4, 0));

        Assert.AreEqual(IpcStatus.Ok, TestRig.Await(receiver));
    }

    [TestMethod]
    public void Peek_ZeroCapacityWithWaitingSender_ShowsItsMessageWithoutTakingIt()
    {
        using IpcRuntime runtime = TestRig.Build(2, 0, 8);
        Mailbox box = runtime.GetMailbox("box");
        Task<IpcStatus> sender = TestRig.Run(() => box.Send(runtime.GetTask(1), TestRig.Bytes(4), 0, 4, 0, Timeout.Infinite));
        TestRig.UntilParked(box, 1, 0);
        var dest = new byte[8];

        Assert.AreEqual(IpcStatus.Ok, box.Peek(runtime.GetTask(2), dest, 0, out _));
        Assert.AreEqual(4, TestRig.Int(dest));
        Assert.IsFalse(sender.IsCompleted);
        Assert.AreEqual(IpcStatus.Ok, box.TryReceive(runtime.GetTask(2), dest, out _));
        Assert.AreEqual(IpcStatus.Ok, TestRig.Await(sender));
    }
}
