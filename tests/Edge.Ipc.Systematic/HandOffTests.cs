using System.Threading;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Systematic;

/// <summary>A message handed to a blocked receiver, against that receiver's timeout firing.</summary>
[TestClass]
public sealed class HandOffTests
{
    // Iterations of the exploration that ended each way (the scenario's checks run on one thread at the end).
    private static int s_delivered;
    private static int s_timedOut;

    /// <summary>
    /// Steps: t1 receives with a 10 ms timeout from an empty mailbox of capacity 1 while t2 sends one message;
    /// the scheduler may let the timeout expire at any step, also while t2 is handing the message over. Unless
    /// <paramref name="polling"/>, t1 parks at once instead of polling first (with polling, t2 usually sends before
    /// t1 has even parked: the timeout fired in 50 of 2,000 iterations, and a cancel split into a read and a write
    /// took 611 iterations to catch; parking at once gives both outcomes about equally often).
    /// Expected: either t1 has the message and the mailbox is empty, or t1 timed out and the message is still
    /// queued; never both, never neither; statistics count exactly that; nobody is left waiting. Across the
    /// exploration both outcomes occur (counted here, asserted by the test), so the race is really explored.
    /// </summary>
    internal static void SendAgainstTimeout(bool polling)
    {
        using IpcRuntime runtime = Rig.Build(tasks: 2, capacity: 1);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask receiver = runtime.GetTask("t1");
        EdgeTask sender = runtime.GetTask("t2");
        receiver.Waiter.NeverPoll = !polling;
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
            s_delivered++;
            Rig.Equal(42, Rig.Int(destination), "value received");
            Rig.Equal(0, left.Length, "messages left after a hand-off");
            Rig.Equal(0, s.TimedOut, "timed-out count");
        }
        else
        {
            s_timedOut++;
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

    /// <summary>The parking form, as the broken variant and the replay test run it.</summary>
    internal static void SendAgainstTimeoutParking() => SendAgainstTimeout(polling: false);

    private static void AssertBothOutcomes(string name, uint iterations, bool polling)
    {
        s_delivered = 0;
        s_timedOut = 0;
        Explorer.AssertNoBug(name, iterations, () => SendAgainstTimeout(polling));
        System.Console.WriteLine(name + ": delivered in " + s_delivered + " iterations, timed out in " + s_timedOut + ".");
        Assert.AreNotEqual(0, s_delivered, name + ": no iteration delivered before the timeout");
        Assert.AreNotEqual(0, s_timedOut, name + ": no iteration timed out");
    }

    [TestMethod]
    public void Receive_SendRacesTimeout_ExactlyOneOutcome() =>
        AssertBothOutcomes("HandOff", 2000, polling: false);

    [TestMethod]
    public void Receive_SendRacesTimeoutPolling_ExactlyOneOutcome() =>
        AssertBothOutcomes("HandOffPoll", 500, polling: true);

    [TestMethod]
    public void BrokenHandOff_CancelCheckThenSet_LostMessageFound() =>
        Explorer.AssertBugFound(Fault.CancelCheckThenSet, "HandOff", SendAgainstTimeoutParking);
}
