using Edge.Hardware.Gpio;

namespace Edge.Pipelines.Metrics;

/// <summary>One watched pin of a GPIO source.</summary>
/// <param name="Source">The source watching it.</param>
/// <param name="Pin">The pin number.</param>
internal readonly record struct PinProbe(GpioEventSource Source, int Pin)
{
    public GpioPinStatistics Read() => Source.GetStatistics(Pin);
}
