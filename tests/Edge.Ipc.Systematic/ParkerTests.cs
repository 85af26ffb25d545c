using System.Threading;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Systematic;

/// <summary>Park and unpark: no lost wake-up.</summary>
[TestClass]
public sealed class ParkerTests
{
    /// <summary>
    /// Steps: t1 parks (untimed) until a flag is set, twice over; t2 sets the flag and unparks, twice.
    /// Expected: t1 always wakes (a lost wake-up leaves it blocked: Coyote reports a deadlock).
    /// </summary>
    internal static void ParkUnpark()
    {
        var parker = new Parker();
        int rounds = 0;
        Thread waiter = Rig.Start(() =>
        {
            for (int round = 1; round <= 2; round++)
            {
                while (Volatile.Read(ref rounds) < round)
                {
                    parker.Park(Timeout.Infinite);
                }
            }
        });
        Thread waker = Rig.Start(() =>
        {
            for (int round = 1; round <= 2; round++)
            {
                Volatile.Write(ref rounds, round);
                parker.Unpark();
            }
        });
        Rig.JoinAll(waiter, waker);
    }

    /// <summary>The same, against the copy that skips the look after announcing.</summary>
    internal static void BrokenParkUnpark()
    {
        var parker = new BrokenParker();
        int done = 0;
        Thread waiter = Rig.Start(() =>
        {
            while (Volatile.Read(ref done) == 0)
            {
                parker.Park();
            }
        });
        Thread waker = Rig.Start(() =>
        {
            Volatile.Write(ref done, 1);
            parker.Unpark();
        });
        Rig.JoinAll(waiter, waker);
    }

    [TestMethod]
    public void Park_UnparkRacesPark_NoLostWakeUp() =>
        Explorer.AssertNoBug(nameof(ParkUnpark), 5000, ParkUnpark);

    [TestMethod]
    public void BrokenPark_NoLookAfterAnnounce_LostWakeUpFound() =>
        Explorer.AssertBugFound(nameof(BrokenParkUnpark), 5000, BrokenParkUnpark);
}
