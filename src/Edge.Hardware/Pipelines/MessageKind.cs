namespace Edge.Hardware.Pipelines;

/// <summary>What a pipeline mailbox carries; the value is also the message tag.</summary>
public enum MessageKind
{
    /// <summary><see cref="Gpio.GpioEvent"/> messages.</summary>
    Gpio = 1,

    /// <summary><see cref="Sensors.Bme280Reading"/> messages.</summary>
    Weather = 2,

    /// <summary><see cref="ButtonEvent"/> messages.</summary>
    Button = 3,
}
