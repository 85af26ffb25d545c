using System.Threading;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Systematic;

/// <summary>The lock-free ring's publish and consume, with the sleeper check, at capacity 1 and 2.</summary>
[TestClass]
public sealed class RingTests
{
    private const int Messages = 3;

    /// <summary>
    /// Steps: t1 sends 3 messages with infinite timeouts; t2 receives 3 with infinite timeouts, parking at once
    /// (no polling) so every wait goes through announce-then-look; the mailbox holds <paramref name="capacity"/>.
    /// Expected: 0, 1, 2 received in order; nobody left blocked (a message stuck behind a sleeping receiver or a
    /// sender asleep behind a freed slot is a deadlock Coyote reports); statistics 3 sent, 3 received, depth 0.
    /// </summary>
    internal static void PublishConsume(int capacity, bool polling)
    {
        using IpcRuntime runtime = Rig.Build(tasks: 2, capacity: capacity);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask sender = runtime.GetTask("t1");
        EdgeTask receiver = runtime.GetTask("t2");
        receiver.Waiter.NeverPoll = !polling;
        sender.Waiter.NeverPoll = !polling;
        var got = new int[Messages];
        var status = new IpcStatus[Messages * 2];
        Thread tx = Rig.Start(() =>
        {
            for (int i = 0; i < Messages; i++)
            {
                status[i] = box.Send(sender, Rig.Bytes(i), 0, 4, tag: 0, Timeout.Infinite);
            }
        });
        Thread rx = Rig.Start(() =>
        {
            var destination = new byte[4];
            for (int i = 0; i < Messages; i++)
            {
                status[Messages + i] = box.Receive(receiver, destination, 0, out _, Timeout.Infinite);
                got[i] = Rig.Int(destination);
            }
        });
        Rig.JoinAll(tx, rx);
        for (int i = 0; i < Messages; i++)
        {
            Rig.Check(status[i] == IpcStatus.Ok && status[Messages + i] == IpcStatus.Ok, "status of message " + i);
            Rig.Equal(i, got[i], "message in position " + i);
        }

        BufferStatistics s = box.GetStatistics();
        Rig.Equal(Messages, s.Sent, "sent count");
        Rig.Equal(Messages, s.Received, "received count");
        Rig.Equal(0, s.Depth, "depth");
        Rig.Equal(0, box.WaitingReceivers + box.WaitingSenders, "waiters left");
    }

    [TestMethod]
    public void Ring_Capacity1Parking_NothingStuck() =>
        Explorer.AssertNoBug("Ring1", 2000, () => PublishConsume(1, polling: false));

    [TestMethod]
    public void Ring_Capacity2Parking_NothingStuck() =>
        Explorer.AssertNoBug("Ring2", 2000, () => PublishConsume(2, polling: false));

    [TestMethod]
    public void Ring_Capacity1Polling_NothingStuck() =>
        Explorer.AssertNoBug("Ring1Poll", 500, () => PublishConsume(1, polling: true));

    [TestMethod]
    public void BrokenRing_PublisherSkipsSleeperCheck_LostWakeUpFound() =>
        Explorer.AssertBugFound(Fault.PublisherSkipsSleeperCheck, "Ring1", () => PublishConsume(1, polling: false));

    [TestMethod]
    public void BrokenRing_ReceiverSkipsLookAgain_LostWakeUpFound() =>
        Explorer.AssertBugFound(Fault.ReceiverSkipsLookAgain, "Ring2", () => PublishConsume(2, polling: false));

    [TestMethod]
    public void BrokenRing_SenderSkipsLookAgain_LostWakeUpFound() =>
        Explorer.AssertBugFound(Fault.SenderSkipsLookAgain, "Ring1", () => PublishConsume(1, polling: false));
}
