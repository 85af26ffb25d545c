using System.Threading;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Systematic;

/// <summary>Close, purge and urgent sends against blocked senders and receivers.</summary>
[TestClass]
public sealed class CloseAndPurgeTests
{
    private static IpcRuntime BuildFull(out BoundedBuffer buffer)
    {
        var layout = new IpcLayout();
        layout.AddTask("t1").AddTask("t2").AddTask("t3").AddTask("t4");
        layout.AddBuffer("b", 1, 4);
        IpcRuntime runtime = layout.Build(new ManualClock());
        buffer = runtime.GetBuffer("b");
        Rig.Check(buffer.TrySend(runtime.GetTask("t4"), Rig.Bytes(1), 0, 4, 0) == IpcStatus.Ok, "prefill");
        return runtime;
    }

    /// <summary>
    /// Steps: a buffer of capacity 1 holds message 1; t2 sends 2 (blocks while full); t1 and t3 receive until
    /// Closed; a fourth thread closes the buffer, at any moment.
    /// Expected: the send is Ok or Closed; the receivers together get 1, and 2 exactly when its send was Ok,
    /// each once; both end with Closed (they drained first); statistics count exactly that; no waiter left.
    /// </summary>
    internal static void CloseWhileBlocked()
    {
        using IpcRuntime runtime = BuildFull(out BoundedBuffer buffer);
        IpcStatus sent = IpcStatus.Empty;
        var got = new int[2][];
        var last = new IpcStatus[2];
        Thread tx = Rig.Start(() => sent = buffer.Send(runtime.GetTask("t2"), Rig.Bytes(2), 0, 4, 0, Timeout.Infinite));
        Thread rx1 = Rig.Start(() => got[0] = ReceiveUntilClosed(buffer, runtime.GetTask("t1"), out last[0]));
        Thread rx2 = Rig.Start(() => got[1] = ReceiveUntilClosed(buffer, runtime.GetTask("t3"), out last[1]));
        Thread closer = Rig.Start(buffer.Close);
        Rig.JoinAll(tx, rx1, rx2, closer);

        Rig.Check(sent == IpcStatus.Ok || sent == IpcStatus.Closed, "send: " + sent);
        Rig.Check(last[0] == IpcStatus.Closed && last[1] == IpcStatus.Closed, "receivers ended with " + last[0] + ", " + last[1]);
        int expected = sent == IpcStatus.Ok ? 2 : 1;
        int total = got[0].Length + got[1].Length;
        Rig.Equal(expected, total, "messages received");
        int sum = 0;
        foreach (int[] values in got)
        {
            foreach (int value in values)
            {
                sum += value;
            }
        }

        Rig.Equal(expected == 2 ? 3 : 1, sum, "sum of the values received");
        BufferStatistics s = buffer.GetStatistics();
        Rig.Equal(expected, s.Sent, "sent count");
        Rig.Equal(expected, s.Received, "received count");
        Rig.Equal(0, s.Dropped, "dropped count");
        Rig.Equal(0, buffer.WaitingReceivers + buffer.WaitingSenders, "waiters left");
    }

    /// <summary>
    /// Steps: a buffer of capacity 1 holds message 1; t2 sends 2 (blocks while full); another thread purges.
    /// Expected: the purge discards message 1 (dropped 1); the send is Purged (it was blocked, its message not
    /// delivered, nothing left) or Ok (it came after the purge, and 2 is what is left); no waiter left.
    /// </summary>
    internal static void PurgeAgainstBlockedSender()
    {
        using IpcRuntime runtime = BuildFull(out BoundedBuffer buffer);
        IpcStatus sent = IpcStatus.Empty;
        int purged = -1;
        Thread tx = Rig.Start(() => sent = buffer.Send(runtime.GetTask("t2"), Rig.Bytes(2), 0, 4, 0, Timeout.Infinite));
        Thread purger = Rig.Start(() => purged = buffer.Purge());
        Rig.JoinAll(tx, purger);

        Rig.Check(sent == IpcStatus.Ok || sent == IpcStatus.Purged, "send: " + sent);
        Rig.Equal(1, purged, "messages the purge discarded");
        int[] left = Rig.Drain(buffer, runtime.GetTask("t1"));
        if (sent == IpcStatus.Ok)
        {
            Rig.Equal(1, left.Length, "messages left after a send that came after the purge");
            Rig.Equal(2, left[0], "the message left");
        }
        else
        {
            Rig.Equal(0, left.Length, "messages left after a purged send");
        }

        BufferStatistics s = buffer.GetStatistics();
        Rig.Equal(1, s.Dropped, "dropped count");
        Rig.Equal(left.Length, s.Received, "received count");
        Rig.Equal(0, buffer.WaitingReceivers + buffer.WaitingSenders, "waiters left");
    }

    /// <summary>
    /// Steps: a buffer of capacity 1 holds message 1; t2 sends 2 and t3 sends 3 urgently, both blocking while
    /// full; t1 receives three messages.
    /// Expected: t1 gets 1 first (it was queued before either sender could enter), then 2 and 3 once each;
    /// sent and received 3; no waiter left.
    /// </summary>
    internal static void UrgentAgainstBlockedSender()
    {
        using IpcRuntime runtime = BuildFull(out BoundedBuffer buffer);
        IpcStatus sent = IpcStatus.Empty;
        IpcStatus urgent = IpcStatus.Empty;
        var values = new int[3];
        var statuses = new IpcStatus[3];
        Thread tx = Rig.Start(() => sent = buffer.Send(runtime.GetTask("t2"), Rig.Bytes(2), 0, 4, 0, Timeout.Infinite));
        Thread ux = Rig.Start(() => urgent = buffer.SendUrgent(runtime.GetTask("t3"), Rig.Bytes(3), 0, 4, 0, Timeout.Infinite));
        Thread rx = Rig.Start(() =>
        {
            var destination = new byte[4];
            for (int i = 0; i < 3; i++)
            {
                statuses[i] = buffer.Receive(runtime.GetTask("t1"), destination, 0, out _, Timeout.Infinite);
                values[i] = Rig.Int(destination);
            }
        });
        Rig.JoinAll(tx, ux, rx);

        Rig.Check(sent == IpcStatus.Ok && urgent == IpcStatus.Ok, "sends: " + sent + ", " + urgent);
        Rig.Check(statuses[0] == IpcStatus.Ok && statuses[1] == IpcStatus.Ok && statuses[2] == IpcStatus.Ok, "receives");
        Rig.Equal(1, values[0], "first message");
        Rig.Check((values[1] == 2 && values[2] == 3) || (values[1] == 3 && values[2] == 2), "then " + values[1] + ", " + values[2]);
        BufferStatistics s = buffer.GetStatistics();
        Rig.Equal(3, s.Sent, "sent count");
        Rig.Equal(3, s.Received, "received count");
        Rig.Equal(0, buffer.WaitingReceivers + buffer.WaitingSenders, "waiters left");
    }

    private static int[] ReceiveUntilClosed(BoundedBuffer buffer, EdgeTask receiver, out IpcStatus last)
    {
        var values = new int[4];
        int n = 0;
        var destination = new byte[4];
        while ((last = buffer.Receive(receiver, destination, 0, out _, Timeout.Infinite)) == IpcStatus.Ok)
        {
            values[n++] = Rig.Int(destination);
        }

        System.Array.Resize(ref values, n);
        return values;
    }

    [TestMethod]
    public void Close_BlockedSenderAndReceivers_ReceiversDrainThenClosed() =>
        Explorer.AssertNoBug("Close", 1500, CloseWhileBlocked);

    [TestMethod]
    public void Purge_AgainstBlockedSender_DropsQueuedAndReleasesSender() =>
        Explorer.AssertNoBug("Purge", 1500, PurgeAgainstBlockedSender);

    [TestMethod]
    public void SendUrgent_AgainstBlockedSender_BothDeliveredOnce() =>
        Explorer.AssertNoBug("Urgent", 1500, UrgentAgainstBlockedSender);

    [TestMethod]
    public void BrokenClose_WakesNoReceiver_StuckReceiverFound() =>
        Explorer.AssertBugFound(Fault.CloseWakesNoReceiver, "Close", CloseWhileBlocked);

    [TestMethod]
    public void BrokenPurge_WakesNoSender_StuckSenderFound() =>
        Explorer.AssertBugFound(Fault.PurgeWakesNoSender, "Purge", PurgeAgainstBlockedSender);

    [TestMethod]
    public void BrokenUrgent_SenderSkipsLookAgain_LostWakeUpFound() =>
        Explorer.AssertBugFound(Fault.SenderSkipsLookAgain, "Urgent", UrgentAgainstBlockedSender);
}
