using System.Threading;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Systematic;

/// <summary>
/// The priority insert (a locked step that moves queued messages) against the ring's lock-free sends and receives,
/// and a timeout on a virtual clock's timer list against a hand-off.
/// </summary>
[TestClass]
public sealed class PriorityAndTimerTests
{
    /// <summary>
    /// Steps: a mailbox of capacity 3 with 2 levels; t1 sends 0 and 1 at level 0 (the lock-free path), t2 sends
    /// 100 at level 1 (the locked insert, which moves the level-0 messages it passes), t3 receives three.
    /// Expected: all three received, each with its level; 0 before 1 (FIFO within a level); sequence numbers 1, 2,
    /// 3 in delivery order, whichever way the insert and the lock-free steps interleave; statistics exact;
    /// nobody left waiting.
    /// </summary>
    internal static void PriorityInsertAgainstRing()
    {
        var layout = new IpcLayout();
        layout.AddTask("t1");
        layout.AddTask("t2");
        layout.AddTask("t3");
        layout.AddMailbox("box", 3, 4, new MailboxOptions { PriorityLevels = 2 });
        using IpcRuntime runtime = layout.Build(new ManualClock());
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask low = runtime.GetTask("t1");
        EdgeTask high = runtime.GetTask("t2");
        EdgeTask receiver = runtime.GetTask("t3");
        var got = new int[3];
        var sequences = new int[3];
        Thread tx = Rig.Start(() =>
        {
            Rig.Check(box.Send(low, Rig.Bytes(0), 0, 4, tag: 0, Timeout.Infinite) == IpcStatus.Ok, "send 0");
            Rig.Check(box.Send(low, Rig.Bytes(1), 0, 4, tag: 0, Timeout.Infinite) == IpcStatus.Ok, "send 1");
        });
        Thread hx = Rig.Start(() =>
            Rig.Check(box.SendWithPriority(high, 1, Rig.Bytes(100), 0, 4, tag: 1, Timeout.Infinite) == IpcStatus.Ok, "send 100"));
        Thread rx = Rig.Start(() =>
        {
            var destination = new byte[4];
            for (int i = 0; i < 3; i++)
            {
                Rig.Check(box.Receive(receiver, destination, 0, out MessageInfo info, Timeout.Infinite) == IpcStatus.Ok, "receive " + i);
                got[i] = Rig.Int(destination);
                sequences[i] = info.Sequence;
                Rig.Equal(got[i] == 100 ? 1 : 0, info.Priority, "level of " + got[i]);
            }
        });
        Rig.JoinAll(tx, hx, rx);

        int zero = System.Array.IndexOf(got, 0);
        int one = System.Array.IndexOf(got, 1);
        Rig.Check(zero >= 0 && one > zero && System.Array.IndexOf(got, 100) >= 0, "received " + got[0] + ", " + got[1] + ", " + got[2]);
        for (int i = 0; i < 3; i++)
        {
            Rig.Equal(i + 1, sequences[i], "sequence of the message received " + (i + 1) + "th");
        }

        BufferStatistics s = box.GetStatistics();
        Rig.Equal(3, s.Sent, "sent count");
        Rig.Equal(3, s.Received, "received count");
        Rig.Equal(0, s.Depth, "depth");
        Rig.Equal(0, box.WaitingReceivers + box.WaitingSenders, "waiters left");
        Rig.Check(box.CheckInvariants(), "invariants at rest");
    }

    /// <summary>
    /// Steps: on a ManualClock that drives timeouts, t1 receives with a 10 ms timeout from an empty mailbox, t2
    /// sends one message, t3 moves the clock 10 ms (expiring the timer list) at any moment.
    /// Expected: either t1 has the message and the mailbox is empty, or t1 timed out and the message is queued;
    /// never both, never neither; the timer list is empty afterwards; nobody left waiting.
    /// </summary>
    internal static void VirtualTimeoutAgainstHandOff()
    {
        var clock = new ManualClock(drivesTimeouts: true);
        var layout = new IpcLayout();
        layout.AddTask("t1");
        layout.AddTask("t2");
        layout.AddMailbox("box", 1, 4);
        using IpcRuntime runtime = layout.Build(clock);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask receiver = runtime.GetTask("t1");
        EdgeTask sender = runtime.GetTask("t2");
        IpcStatus received = IpcStatus.Ok;
        var destination = new byte[4];
        Thread rx = Rig.Start(() => received = box.Receive(receiver, destination, 0, out _, 10));
        Thread tx = Rig.Start(() => Rig.Check(box.Send(sender, Rig.Bytes(42), 0, 4, tag: 1, Timeout.Infinite) == IpcStatus.Ok, "send"));
        Thread tick = Rig.Start(() => clock.Advance(10_000_000));
        Rig.JoinAll(rx, tx, tick);

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
            Rig.Check(received == IpcStatus.TimedOut, "receive: " + received);
            Rig.Equal(1, left.Length, "messages left after a timeout");
            Rig.Equal(1, s.TimedOut, "timed-out count");
        }

        Rig.Equal(0, clock.Timers!.Count, "timers left");
        Rig.Equal(0, box.WaitingReceivers + box.WaitingSenders, "waiters left");
    }

    [TestMethod]
    public void PriorityInsert_AgainstLockFreeSendsAndReceives_OrderAndNumbersExact() =>
        Explorer.AssertNoBug(nameof(PriorityInsertAgainstRing), 1500, PriorityInsertAgainstRing);

    [TestMethod]
    public void VirtualTimeout_AgainstHandOff_ExactlyOneOutcome() =>
        Explorer.AssertNoBug(nameof(VirtualTimeoutAgainstHandOff), 1500, VirtualTimeoutAgainstHandOff);
}
