using System;

namespace Edge.Hardware.Gpio;

/// <summary>Which edges of a pin a <see cref="GpioEventSource"/> reports.</summary>
[Flags]
public enum GpioEdges
{
    /// <summary>Low-to-high transitions.</summary>
    Rising = 1,

    /// <summary>High-to-low transitions.</summary>
    Falling = 2,

    /// <summary>Both transitions.</summary>
    Both = Rising | Falling,
}
