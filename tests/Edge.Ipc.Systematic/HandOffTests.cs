using System.Threading;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Systematic;

/// <summary>A message handed to a blocked receiver, against that receiver's timeout firing.</summary>
[TestClass]
public sealed class HandOffTests
{
    /// <summary>
    /// Steps: t1 receives with a 10 ms timeout from an empty mailbox of capacity 1 while t2 sends one message;
    /// the scheduler may let the timeout expire at any step, also while t2 is handing the message over.
    /// Expected: either t1 has the message and the mailbox is empty, or t1 timed out and the message is still
    /// queued; never both, never neither; statistics count exactly that; nobody is left waiting.
    /// </summary>
    internal static void SendAgainstTimeout()
    {
        using IpcRuntime runtime = Rig.Build(tasks: 2, capacity: 1);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask receiver = runtime.GetTask("t1");
        EdgeTask sender = runtime.GetTask("t2");
        IpcStatus received = IpcStatus.Ok;
        IpcStatus sent = IpcStatus.Ok;
        var destination = new byte[4];
        Thread rx = Rig.Start(() => received = box.Receive(receiver, destination, 0, out _, 10));
        Thread tx = Rig.Start(() => sent = box.Send(sender, Rig.Bytes(42), 0, 4, tag: 1, Timeout.Infinite));
        Rig.JoinAll(rx, tx);

        Rig.Check(sent == IpcStatus.Ok, "send: " + sent);
        Rig.Check(received == IpcStatus.Ok || received == IpcStatus.TimedOut, "receive: " + received);
        int[] left = Rig.Drain(box, receiver);
        BufferStatistics s = box.GetStatistics();
        if (received == IpcStatus.Ok)
        {
            Rig.Equal(42, Rig.Int(destination), "value received");
            Rig.Equal(0, left.Length, "messages left after a hand-off");
            Rig.Equal(0, s.TimedOut, "timed-out count");
        }
        else
        {
            Rig.Equal(1, left.Length, "messages left after a timeout");
            Rig.Equal(42, left[0], "value left");
            Rig.Equal(1, s.TimedOut, "timed-out count");
        }

        Rig.Equal(1, s.Sent, "sent count");
        Rig.Equal(1, s.Received, "received count");
        Rig.Equal(0, s.Depth, "depth");
        Rig.Equal(0, box.WaitingReceivers, "waiting receivers");
        Rig.Equal(0, box.WaitingSenders, "waiting senders");
    }

    [TestMethod]
    public void Receive_SendRacesTimeout_ExactlyOneOutcome() =>
        Explorer.AssertNoBug(nameof(SendAgainstTimeout), 2000, SendAgainstTimeout);

    [TestMethod]
    public void BrokenHandOff_CancelCheckThenSet_LostMessageFound() =>
        Explorer.AssertBugFound(Fault.CancelCheckThenSet, nameof(SendAgainstTimeout), SendAgainstTimeout);
}
