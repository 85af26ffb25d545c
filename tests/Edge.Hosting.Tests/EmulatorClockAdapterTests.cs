using System.Threading;
using System.Threading.Tasks;
using Edge.Emulator;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Hosting.Tests;

[TestClass]
public sealed class EmulatorClockAdapterTests
{
    private const long Ms = 1_000_000;

    [TestMethod]
    public void OverVirtualClock_ATimeoutIsThatMuchVirtualTime()
    {
        var board = new VirtualClock();
        var clock = new EmulatorClockAdapter(board);
        var layout = new IpcLayout();
        layout.AddTask("waiter");
        layout.AddMailbox("box", 4, 8);
        using IpcRuntime runtime = layout.Build(clock);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask task = runtime.GetTask(1);

        Task<IpcStatus> receive = Task.Factory.StartNew(
            () => box.Receive(task, new byte[8], 0, out _, 50), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.IsTrue(SpinWait.SpinUntil(() => clock.Timers!.Count == 1, 30_000), "The receive never set its timer.");

        board.Advance(49 * Ms);
        Assert.IsFalse(receive.IsCompleted, "49 ms of virtual time is not 50.");
        board.AdvanceTo(50 * Ms);

        Assert.IsTrue(receive.Wait(30_000), "Hang bound.");
        Assert.AreEqual(IpcStatus.TimedOut, receive.Result);
        Assert.AreEqual(1, box.GetStatistics().TimedOut);
    }

    [TestMethod]
    public void OverRealTimeClock_TimeoutsFollowRealTime()
    {
        var clock = new EmulatorClockAdapter(new RealTimeClock());
        Assert.IsNull(clock.Timers);
    }
}
