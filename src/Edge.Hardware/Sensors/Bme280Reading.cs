using System.Runtime.InteropServices;

namespace Edge.Hardware.Sensors;

/// <summary>One BME280 measurement as a message: 40 bytes, unmanaged, starting with its source timestamp.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct Bme280Reading
{
    /// <summary>The message tag a <see cref="Bme280Sampler"/> posts with.</summary>
    public const int Tag = 2;

    /// <summary>When the measurement was started, in nanoseconds on the sampler's clock.</summary>
    public long TimestampNanoseconds;

    /// <summary>Temperature in degrees Celsius (NaN when the sensor skipped it).</summary>
    public double TemperatureCelsius;

    /// <summary>Pressure in pascals (NaN when skipped).</summary>
    public double PressurePascals;

    /// <summary>Relative humidity in percent (NaN when skipped).</summary>
    public double HumidityPercent;

    /// <summary>Per-sampler sequence number, 1 for the first reading; refused posts still take one.</summary>
    public int Sequence;

    /// <summary>How many readings were averaged into this one (1 from the sampler; stages may change it).</summary>
    public int Count;
}
