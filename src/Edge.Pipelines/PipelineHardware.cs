using System;
using System.Device.Gpio;
using System.Device.I2c;
using Edge.Hardware.Boards;
using Edge.Ipc;

namespace Edge.Pipelines;

/// <summary>What a pipeline runs on: the GPIO controller, an I2C opener, the clock and the board profile.</summary>
public sealed class PipelineHardware
{
    /// <summary>Creates the description.</summary>
    /// <param name="gpio">The GPIO controller (libgpiod, or the emulated driver).</param>
    /// <param name="openI2c">Opens an I2C device (real bus, or the emulator's).</param>
    /// <param name="clock">The clock that stamps messages; the runtime uses it too.</param>
    /// <param name="board">The board profile for pin names and the I2C bus.</param>
    public PipelineHardware(GpioController gpio, Func<I2cConnectionSettings, I2cDevice> openI2c, IClock clock, BoardProfile board)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(openI2c);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(board);
        Gpio = gpio;
        OpenI2c = openI2c;
        Clock = clock;
        Board = board;
    }

    /// <summary>The GPIO controller.</summary>
    public GpioController Gpio { get; }

    /// <summary>Opens an I2C device.</summary>
    public Func<I2cConnectionSettings, I2cDevice> OpenI2c { get; }

    /// <summary>The clock.</summary>
    public IClock Clock { get; }

    /// <summary>The board profile.</summary>
    public BoardProfile Board { get; }

    /// <summary>Gives file sinks' records their wall-clock time: the system clock (default), or <see cref="Sinks.WallClock.Virtual"/> on virtual time.</summary>
    public Sinks.WallClock WallClock { get; init; } = Sinks.WallClock.System;
}
