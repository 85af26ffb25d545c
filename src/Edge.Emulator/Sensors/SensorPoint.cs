namespace Edge.Emulator.Sensors;

/// <summary>One key point of a <see cref="SensorTrack"/>: a value at a board time.</summary>
public readonly struct SensorPoint
{
    /// <summary>Creates a key point.</summary>
    /// <param name="atNanoseconds">The board time of the point.</param>
    /// <param name="value">The value at that time, in the track's unit.</param>
    public SensorPoint(long atNanoseconds, double value)
    {
        AtNanoseconds = atNanoseconds;
        Value = value;
    }

    /// <summary>The board time of the point, in nanoseconds.</summary>
    public long AtNanoseconds { get; }

    /// <summary>The value at that time, in the track's unit.</summary>
    public double Value { get; }
}
