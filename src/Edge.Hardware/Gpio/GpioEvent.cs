using System.Runtime.InteropServices;

namespace Edge.Hardware.Gpio;

/// <summary>
/// One GPIO message: an accepted edge or a watchdog timeout on one pin. Unmanaged and 24 bytes, so it is copied by
/// value into a slot with no allocation. Like every pipeline message it starts with its source timestamp.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct GpioEvent
{
    /// <summary>The message tag a <see cref="GpioEventSource"/> posts with.</summary>
    public const int Tag = 1;

    /// <summary>
    /// When the edge was seen, in nanoseconds on the source's clock: taken first thing in the driver callback.
    /// For a timeout, the moment the watchdog check ran.
    /// </summary>
    public long TimestampNanoseconds;

    /// <summary>The pin number (as the controller numbers it).</summary>
    public int Pin;

    /// <summary>Per-source sequence number, 1 for the first event; refused posts still take one, so a gap shows a drop.</summary>
    public int Sequence;

    /// <summary>Rising, falling or timeout.</summary>
    public GpioEventKind Kind;

    /// <summary>The pin level after the edge (1 high, 0 low); for a timeout, the last reported level.</summary>
    public byte Level;
}
