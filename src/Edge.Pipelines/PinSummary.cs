using Edge.Hardware.Gpio;

namespace Edge.Pipelines;

/// <summary>One GPIO pin of a <see cref="PipelineSummary"/>.</summary>
/// <param name="Source">The gpio source watching it.</param>
/// <param name="Pin">The pin number.</param>
/// <param name="Statistics">Edges seen, accepted, debounced, settled, dropped, watchdog timeouts.</param>
public sealed record PinSummary(string Source, int Pin, GpioPinStatistics Statistics);
