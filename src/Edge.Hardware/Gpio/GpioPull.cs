namespace Edge.Hardware.Gpio;

/// <summary>The bias a <see cref="GpioEventSource"/> sets on an input pin it opens.</summary>
public enum GpioPull
{
    /// <summary>No bias: the pin floats unless something drives it (push-pull outputs, external resistors).</summary>
    None,

    /// <summary>Pull-up: an open contact reads high; a switch to ground reads low when closed.</summary>
    Up,

    /// <summary>Pull-down: an open contact reads low; a switch to 3V3 reads high when closed.</summary>
    Down,
}
