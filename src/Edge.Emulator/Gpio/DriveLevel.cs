namespace Edge.Emulator.Gpio;

/// <summary>
/// What the outside world does to a pin: drive it low, drive it high, or leave it open (not driven, high
/// impedance). An open input reads what its pull resistor gives it: High with
/// <see cref="System.Device.Gpio.PinMode.InputPullUp"/>, Low with
/// <see cref="System.Device.Gpio.PinMode.InputPullDown"/>, and Low when floating
/// (<see cref="System.Device.Gpio.PinMode.Input"/>; a real floating pin reads at random, the emulator reads Low so
/// that runs stay deterministic).
/// </summary>
public enum DriveLevel
{
    /// <summary>Not driven: the pin's pull resistor (or its floating default, Low) decides the level.</summary>
    Open = 0,

    /// <summary>Driven low (for example a push button that connects the pin to ground).</summary>
    Low = 1,

    /// <summary>Driven high.</summary>
    High = 2,
}
