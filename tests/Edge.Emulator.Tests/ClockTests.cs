using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Emulator.Tests;

[TestClass]
public sealed class ClockTests
{
    [TestMethod]
    public void AdvanceTo_LaterTime_ClockReadsIt()
    {
        var clock = new VirtualClock(100);

        clock.AdvanceTo(250);
        clock.Advance(50);

        Assert.AreEqual(300, clock.NowNanoseconds);
    }

    [TestMethod]
    public void AdvanceTo_EarlierTime_ThrowsNamingBothTimes()
    {
        var clock = new VirtualClock(1_000);

        ArgumentOutOfRangeException ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => clock.AdvanceTo(999));

        Assert.Contains("999 ns", ex.Message);
        Assert.Contains("1000 ns", ex.Message);
    }

    [TestMethod]
    public void Advance_Negative_Throws()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new VirtualClock().Advance(-1));
    }

    [TestMethod]
    public void RealTimeClock_TwoReads_NeverGoBack()
    {
        var clock = new RealTimeClock();

        long first = clock.NowNanoseconds;
        long second = clock.NowNanoseconds;

        Assert.IsGreaterThanOrEqualTo(0, first);
        Assert.IsGreaterThanOrEqualTo(first, second);
    }
}
