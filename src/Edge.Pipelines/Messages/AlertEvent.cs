using System.Runtime.InteropServices;

namespace Edge.Pipelines.Messages;

/// <summary>
/// An alarm raised or cleared by the threshold stage: which field crossed which level, in which direction, and the
/// reading's value. 32 bytes, unmanaged; starts with the source timestamp of the reading that crossed.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct AlertEvent
{
    /// <summary>The message tag.</summary>
    public const int Tag = 4;

    /// <summary>The source timestamp of the reading that raised or cleared the alarm (nanoseconds).</summary>
    public long TimestampNanoseconds;

    /// <summary>The field's value in that reading (°C, Pa or %).</summary>
    public double Value;

    /// <summary>The level crossed: <c>above</c> or <c>below</c> when raised; that level less (or plus) the hysteresis when cleared.</summary>
    public double Level;

    /// <summary>The field watched.</summary>
    public WeatherField Field;

    /// <summary>Which alarm: the field went above the upper level, or below the lower one.</summary>
    public AlertDirection Direction;

    /// <summary>True when the alarm was raised, false when it cleared.</summary>
    public bool Raised;
}
