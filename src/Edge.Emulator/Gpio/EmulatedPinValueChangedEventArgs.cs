using System.Device.Gpio;

namespace Edge.Emulator.Gpio;

/// <summary>
/// The event arguments the <see cref="EmulatedGpioDriver"/> passes to pin-changed callbacks: the standard
/// <see cref="PinValueChangedEventArgs"/> plus the board time at which the edge happened. Callbacks written for
/// real hardware use it as a plain <see cref="PinValueChangedEventArgs"/>; code that wants the edge's timestamp
/// tests for this type.
/// </summary>
public sealed class EmulatedPinValueChangedEventArgs : PinValueChangedEventArgs
{
    /// <summary>Creates the arguments for one edge.</summary>
    /// <param name="changeType">Rising or falling.</param>
    /// <param name="pinNumber">The pin that changed.</param>
    /// <param name="timestampNanoseconds">The board time of the edge, from the board's <see cref="IEmulatorClock"/>.</param>
    public EmulatedPinValueChangedEventArgs(PinEventTypes changeType, int pinNumber, long timestampNanoseconds)
        : base(changeType, pinNumber)
    {
        TimestampNanoseconds = timestampNanoseconds;
    }

    /// <summary>
    /// The board time of the edge in nanoseconds. In virtual time it equals the clock's reading while the callback
    /// runs; in real time the clock has moved on by the delivery latency.
    /// </summary>
    public long TimestampNanoseconds { get; }
}
