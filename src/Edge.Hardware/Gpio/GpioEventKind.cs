namespace Edge.Hardware.Gpio;

/// <summary>What a <see cref="GpioEvent"/> reports.</summary>
public enum GpioEventKind : byte
{
    /// <summary>The pin went from low to high.</summary>
    Rising = 1,

    /// <summary>The pin went from high to low.</summary>
    Falling = 2,

    /// <summary>The pin's watchdog expired: no accepted edge within its window.</summary>
    Timeout = 3,
}
