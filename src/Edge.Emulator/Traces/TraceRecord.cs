namespace Edge.Emulator.Traces;

/// <summary>One record of a trace; which fields mean something depends on <see cref="Kind"/>.</summary>
public readonly struct TraceRecord
{
    /// <summary>Creates a record.</summary>
    /// <param name="kind">What it says.</param>
    /// <param name="timestampNanoseconds">When, on the recording clock.</param>
    /// <param name="pin">The pin (levels and edges), or the I2C address (readings).</param>
    /// <param name="level">The level, 0 or 1 (levels and edges), or the I2C bus (readings).</param>
    /// <param name="x">Temperature °C (readings), or records dropped (end).</param>
    /// <param name="y">Pressure Pa (readings).</param>
    /// <param name="z">Relative humidity % (readings).</param>
    public TraceRecord(TraceRecordKind kind, long timestampNanoseconds, int pin = 0, int level = 0, double x = 0, double y = 0, double z = 0)
    {
        Kind = kind;
        TimestampNanoseconds = timestampNanoseconds;
        Pin = pin;
        Level = level;
        X = x;
        Y = y;
        Z = z;
    }

    /// <summary>What the record says.</summary>
    public TraceRecordKind Kind { get; }

    /// <summary>When, in nanoseconds on the recording clock.</summary>
    public long TimestampNanoseconds { get; }

    /// <summary>The pin; for a reading, the I2C address.</summary>
    public int Pin { get; }

    /// <summary>The level; for a reading, the I2C bus.</summary>
    public int Level { get; }

    /// <summary>Temperature °C of a reading; records dropped, of the end record.</summary>
    public double X { get; }

    /// <summary>Pressure in pascals of a reading.</summary>
    public double Y { get; }

    /// <summary>Relative humidity in percent of a reading.</summary>
    public double Z { get; }
}
