using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Systematic;

/// <summary>A found bug replayed from its trace: how a failure becomes a regression test.</summary>
[TestClass]
public sealed class ReplayTests
{
    /// <summary>
    /// Steps: explore the hand-off against a timeout with the cancel split into a read and a write, until the
    /// lost message is found; then run the trace of that iteration again, once, under the same fault.
    /// Expected: the replay fails in the same way (the same bug report). The trace holds the scheduling
    /// decisions and the scheduler's random choices, so it also replays the moment the timeout fired.
    /// </summary>
    [TestMethod]
    public void Replay_TraceOfFoundBug_SameBugAgain()
    {
        Outcome found = Explorer.AssertBugFound(Fault.CancelCheckThenSet, "HandOff", HandOffTests.SendAgainstTimeoutParking);
        Outcome replayed = Explorer.WithFault(Fault.CancelCheckThenSet, () => Explorer.Replay("HandOff.Replay", found.Trace, HandOffTests.SendAgainstTimeoutParking));

        Assert.AreEqual(1, replayed.BugsFound, "the replay did not fail");
        Assert.AreEqual(1, replayed.Iterations, "a replay runs one iteration");
        Assert.AreEqual(found.Bugs, replayed.Bugs);
    }
}
