using System.Threading;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Systematic;

/// <summary>The wake chain, with a woken waiter that waits again at once.</summary>
[TestClass]
public sealed class WakeChainTests
{
    /// <summary>
    /// Steps: a buffer of capacity 1; t1 receives twice in a row (so it waits again as soon as it is woken),
    /// t3 receives once, and t2 sends 1, 2, 3 with no timeout.
    /// Expected: the three messages are received once each, each receiver's in increasing order (FIFO from one
    /// producer); sent and received 3; every send Ok; nobody is left waiting.
    /// </summary>
    internal static void WaiterWaitsAgain()
    {
        var layout = new IpcLayout();
        layout.AddTask("t1").AddTask("t2").AddTask("t3");
        layout.AddBuffer("b", 1, 4);
        using IpcRuntime runtime = layout.Build(new ManualClock());
        BoundedBuffer buffer = runtime.GetBuffer("b");
        var first = new int[2];
        int second = 0;
        bool allOk = true;
        Thread r1 = Rig.Start(() =>
        {
            var destination = new byte[4];
            for (int i = 0; i < 2; i++)
            {
                allOk &= buffer.Receive(runtime.GetTask("t1"), destination, 0, out _, Timeout.Infinite) == IpcStatus.Ok;
                first[i] = Rig.Int(destination);
            }
        });
        Thread r2 = Rig.Start(() =>
        {
            var destination = new byte[4];
            allOk &= buffer.Receive(runtime.GetTask("t3"), destination, 0, out _, Timeout.Infinite) == IpcStatus.Ok;
            second = Rig.Int(destination);
        });
        Thread tx = Rig.Start(() =>
        {
            for (int value = 1; value <= 3; value++)
            {
                allOk &= buffer.Send(runtime.GetTask("t2"), Rig.Bytes(value), 0, 4, 0, Timeout.Infinite) == IpcStatus.Ok;
            }
        });
        Rig.JoinAll(r1, r2, tx);

        Rig.Check(allOk, "a send or receive did not return Ok");
        Rig.Check(first[0] < first[1], "t1 received " + first[0] + " then " + first[1]);
        Rig.Equal(6, first[0] + first[1] + second, "sum of the values received");
        Rig.Check(first[0] != second && first[1] != second, "a message received twice");
        BufferStatistics s = buffer.GetStatistics();
        Rig.Equal(3, s.Sent, "sent count");
        Rig.Equal(3, s.Received, "received count");
        Rig.Equal(0, buffer.WaitingReceivers + buffer.WaitingSenders, "waiters left");
    }

    /// <summary>
    /// Steps: t1 and t3 each read a 4-byte shared region and wait for a change with no timeout, over and over,
    /// until they have read 2; t2 writes 1, then 2. A write completes every waiter at once, so both waiters are
    /// woken as one chain, and the first woken reads and waits again (re-arms) while the writer still walks the
    /// chain. (The buffer scenario above never builds a chain of two: a buffer completes several waiters at once
    /// only on close or purge, or when a sender and a receiver are both blocked, which capacity 1 with one
    /// sender does not allow.)
    /// Expected: every wait returns Ok, both readers end having read 2, the version is 4; a waiter left unwoken
    /// blocks its reader, which Coyote reports as a deadlock.
    /// </summary>
    internal static void WriteWakesWaitersWhoWaitAgain()
    {
        var layout = new IpcLayout();
        layout.AddTask("t1").AddTask("t2").AddTask("t3");
        layout.AddSharedRegion("r", 4);
        using IpcRuntime runtime = layout.Build(new ManualClock());
        SharedRegion region = runtime.GetSharedRegion("r");
        var last = new int[2];
        bool allOk = true;
        void ReadUntilTwo(EdgeTask reader, int index)
        {
            var snapshot = new byte[4];
            int version = region.Read(snapshot, 0, 0, 4);
            while (Rig.Int(snapshot) != 2)
            {
                allOk &= region.WaitForChange(reader, version, Timeout.Infinite) == IpcStatus.Ok;
                version = region.Read(snapshot, 0, 0, 4);
            }

            last[index] = Rig.Int(snapshot);
        }

        Thread r1 = Rig.Start(() => ReadUntilTwo(runtime.GetTask("t1"), 0));
        Thread r2 = Rig.Start(() => ReadUntilTwo(runtime.GetTask("t3"), 1));
        Thread tx = Rig.Start(() =>
        {
            for (int value = 1; value <= 2; value++)
            {
                allOk &= region.Write(runtime.GetTask("t2"), Rig.Bytes(value), 0, 0, 4) == IpcStatus.Ok;
            }
        });
        Rig.JoinAll(r1, r2, tx);

        Rig.Check(allOk, "a write or a wait did not return Ok");
        Rig.Equal(2, last[0], "t1's last read");
        Rig.Equal(2, last[1], "t3's last read");
        Rig.Equal(4, region.Version, "version after two writes");
        Rig.Equal(0, region.WaitingTasks, "waiters left");
    }

    [TestMethod]
    public void WakeChain_WaiterWaitsAgain_EachMessageOnceInOrder() =>
        Explorer.AssertNoBug("WakeChain", 2000, WaiterWaitsAgain);

    [TestMethod]
    public void WakeChain_WriteWakesWaitersWhoWaitAgain_NoneLeftAsleep() =>
        Explorer.AssertNoBug("WakeChain2", 2000, WriteWakesWaitersWhoWaitAgain);

    [TestMethod]
    public void BrokenWakeChain_LinkReadLate_LostWakeUpFound() =>
        Explorer.AssertBugFound(Fault.WakeChainLinkReadLate, "WakeChain2", WriteWakesWaitersWhoWaitAgain);
}
