using System.Threading;
using System.Threading.Tasks;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

/// <summary>
/// Timeouts on a virtual clock (<see cref="ManualClock"/> created with drivesTimeouts): a timed wait ends when the
/// clock reaches its deadline, never before and never because real time passed.
/// </summary>
[TestClass]
public sealed class VirtualTimeoutTests
{
    private const long Ms = 1_000_000;

    [TestMethod]
    public void Receive_OnVirtualClock_TimesOutWhenTheClockReachesTheDeadline()
    {
        var clock = new ManualClock(drivesTimeouts: true);
        using IpcRuntime runtime = TestRig.Build(tasks: 1, capacity: 4, slotSize: 4, clock: clock);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask t = runtime.GetTask(1);

        Task<IpcStatus> receive = TestRig.Run(() => box.Receive(t, new byte[4], 0, out _, 50));
        UntilTimerSet(clock, 1);

        clock.Advance(49 * Ms);
        Assert.AreEqual(1, clock.Timers!.Count, "49 ms of virtual time is not 50.");
        Assert.IsFalse(receive.IsCompleted);

        clock.Advance(1 * Ms);
        Assert.AreEqual(IpcStatus.TimedOut, TestRig.Await(receive));
        Assert.AreEqual(0, clock.Timers.Count);
        BufferStatistics s = box.GetStatistics();
        Assert.AreEqual(1, s.TimedOut);
        Assert.AreEqual(0, box.WaitingReceivers);
    }

    [TestMethod]
    public void Send_OnVirtualClock_TimesOutAfterItsVirtualTimeoutAndSendsNothing()
    {
        var clock = new ManualClock(drivesTimeouts: true);
        using IpcRuntime runtime = TestRig.Build(tasks: 2, capacity: 1, slotSize: 4, clock: clock);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask sender = runtime.GetTask(1);
        Assert.AreEqual(IpcStatus.Ok, box.TrySend(sender, TestRig.Bytes(1), 0, 4, 0));

        Task<IpcStatus> send = TestRig.Run(() => box.Send(sender, TestRig.Bytes(2), 0, 4, 0, 30));
        UntilTimerSet(clock, 1);
        clock.Advance(30 * Ms);

        Assert.AreEqual(IpcStatus.TimedOut, TestRig.Await(send));
        var buffer = new byte[4];
        Assert.AreEqual(IpcStatus.Ok, box.TryReceive(runtime.GetTask(2), buffer, out _));
        Assert.AreEqual(1, TestRig.Int(buffer));
        Assert.AreEqual(IpcStatus.Empty, box.TryReceive(runtime.GetTask(2), buffer, out _), "The timed-out message was not sent.");
    }

    [TestMethod]
    public void Select_OnVirtualClock_TimesOutAtItsDeadline()
    {
        var clock = new ManualClock(drivesTimeouts: true);
        var layout = new IpcLayout();
        layout.AddTask("t1");
        layout.AddMailbox("a", 2, 4);
        layout.AddMailbox("b", 2, 4);
        using IpcRuntime runtime = layout.Build(clock);
        EdgeTask t = runtime.GetTask(1);
        BoundedBuffer?[] sources = { runtime.GetMailbox("a"), runtime.GetMailbox("b") };

        Task<IpcStatus> select = TestRig.Run(() => Selector.Receive(t, sources, new byte[4], 0, out _, out _, 20));
        UntilTimerSet(clock, 1);
        clock.Advance(19 * Ms);
        Assert.IsFalse(select.IsCompleted);
        clock.Advance(1 * Ms);

        Assert.AreEqual(IpcStatus.TimedOut, TestRig.Await(select));
    }

    [TestMethod]
    public void CompletedWait_TakesItsTimerOff_SoALaterWaitIsNotCutShort()
    {
        var clock = new ManualClock(drivesTimeouts: true);
        using IpcRuntime runtime = TestRig.Build(tasks: 2, capacity: 0, slotSize: 4, clock: clock);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask receiver = runtime.GetTask(1);
        EdgeTask sender = runtime.GetTask(2);

        // A rendezvous: the receive waits until the send hands it the message, well before its deadline.
        Task<IpcStatus> first = TestRig.Run(() => box.Receive(receiver, new byte[4], 0, out _, 50));
        UntilTimerSet(clock, 1);
        Assert.AreEqual(IpcStatus.Ok, box.Send(sender, TestRig.Bytes(7), 0, 4, 0, Timeout.Infinite));
        Assert.AreEqual(IpcStatus.Ok, TestRig.Await(first));
        Assert.AreEqual(0, clock.Timers!.Count, "The finished wait took its timer off the list.");

        // The old deadline passes while the second wait is pending: it must not end it.
        Task<IpcStatus> second = TestRig.Run(() => box.Receive(receiver, new byte[4], 0, out _, 50));
        UntilTimerSet(clock, 1);
        clock.Advance(49 * Ms);
        Assert.IsFalse(second.IsCompleted);
        clock.Advance(1 * Ms);
        Assert.AreEqual(IpcStatus.TimedOut, TestRig.Await(second));
    }

    [TestMethod]
    public void TwoWaits_TimeOutInDeadlineOrder()
    {
        var clock = new ManualClock(drivesTimeouts: true);
        var layout = new IpcLayout();
        layout.AddTask("t1");
        layout.AddTask("t2");
        layout.AddMailbox("a", 2, 4);
        layout.AddMailbox("b", 2, 4);
        using IpcRuntime runtime = layout.Build(clock);

        Task<IpcStatus> late = TestRig.Run(() => runtime.GetMailbox("a").Receive(runtime.GetTask(1), new byte[4], 0, out _, 40));
        UntilTimerSet(clock, 1);
        Task<IpcStatus> early = TestRig.Run(() => runtime.GetMailbox("b").Receive(runtime.GetTask(2), new byte[4], 0, out _, 10));
        UntilTimerSet(clock, 2);
        Assert.AreEqual(10 * Ms, clock.Timers!.NextDue);

        clock.Advance(10 * Ms);
        Assert.AreEqual(IpcStatus.TimedOut, TestRig.Await(early));
        Assert.IsFalse(late.IsCompleted);
        Assert.AreEqual(40 * Ms, clock.Timers.NextDue);
        clock.Advance(30 * Ms);
        Assert.AreEqual(IpcStatus.TimedOut, TestRig.Await(late));
        Assert.AreEqual(long.MaxValue, clock.Timers.NextDue);
    }

    [TestMethod]
    public void ManualClock_WithoutTimeouts_LeavesTimeoutsToRealTime()
    {
        var clock = new ManualClock();
        Assert.IsNull(clock.Timers);
        using IpcRuntime runtime = TestRig.Build(tasks: 1, capacity: 4, slotSize: 4, clock: clock);
        Assert.AreEqual(IpcStatus.TimedOut, runtime.GetMailbox("box").Receive(runtime.GetTask(1), new byte[4], 0, out _, 1));
    }

    private static void UntilTimerSet(ManualClock clock, int count) =>
        Assert.IsTrue(SpinWait.SpinUntil(() => clock.Timers!.Count == count, TestRig.HangTimeoutMs), "The wait never set its timer.");
}
