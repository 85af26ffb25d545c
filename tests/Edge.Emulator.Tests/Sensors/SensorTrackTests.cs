using System;
using Edge.Emulator.Sensors;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Emulator.Tests.Sensors;

[TestClass]
public sealed class SensorTrackTests
{
    private static readonly SensorPoint[] s_points = { new SensorPoint(1_000, 10.0), new SensorPoint(3_000, 30.0), new SensorPoint(4_000, 0.0) };

    [TestMethod]
    [DataRow(0L, 10.0)]
    [DataRow(1_000L, 10.0)]
    [DataRow(2_000L, 20.0)]
    [DataRow(3_500L, 15.0)]
    [DataRow(9_000L, 0.0)]
    public void ValueAt_Linear_InterpolatesAndHoldsEnds(long at, double expected)
    {
        var track = new SensorTrack(s_points);

        Assert.AreEqual(expected, track.ValueAt(at), 1e-12);
    }

    [TestMethod]
    [DataRow(2_999L, 10.0)]
    [DataRow(3_000L, 30.0)]
    [DataRow(3_999L, 30.0)]
    public void ValueAt_Step_HoldsUntilNextPoint(long at, double expected)
    {
        var track = new SensorTrack(s_points, TrackInterpolation.Step);

        Assert.AreEqual(expected, track.ValueAt(at));
    }

    [TestMethod]
    public void Constructor_TimesNotIncreasing_ThrowsNamingPoints()
    {
        ArgumentException ex = Assert.ThrowsExactly<ArgumentException>(
            () => new SensorTrack(new[] { new SensorPoint(5, 1.0), new SensorPoint(5, 2.0) }));

        Assert.Contains("point 1", ex.Message);
    }

    [TestMethod]
    public void Constructor_NoPoints_Throws()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new SensorTrack(Array.Empty<SensorPoint>()));
    }
}
