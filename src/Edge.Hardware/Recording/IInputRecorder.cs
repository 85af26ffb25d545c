namespace Edge.Hardware.Recording;

/// <summary>
/// Sees every input a pipeline's sources take in, so a run on a board can be recorded and replayed on the emulator:
/// each pin's level when its source starts, every raw edge (before debounce), every sensor reading, every poll.
/// </summary>
/// <remarks>
/// <see cref="Edge"/> is called from the GPIO driver's callback: an implementation must never block, allocate or
/// call user code there (post into an Edge buffer and count what does not fit). The others come from the run loop.
/// </remarks>
public interface IInputRecorder
{
    /// <summary>
    /// The recording clock's time when recording began: the pipeline takes it as its own time 0 (sampler schedules,
    /// watchdog windows), so that a replay that starts its clock there schedules exactly as the recorded run did.
    /// </summary>
    long OriginNanoseconds { get; }

    /// <summary>A pin's level when its source started watching it.</summary>
    /// <param name="timestampNanoseconds">When, on the source's clock.</param>
    /// <param name="pin">The pin.</param>
    /// <param name="level">0 or 1.</param>
    void InitialLevel(long timestampNanoseconds, int pin, int level);

    /// <summary>A raw edge, as the driver reported it. Called from the driver callback: never blocks or allocates.</summary>
    /// <param name="timestampNanoseconds">When, on the source's clock.</param>
    /// <param name="pin">The pin.</param>
    /// <param name="level">The level after the edge, 0 or 1.</param>
    void Edge(long timestampNanoseconds, int pin, int level);

    /// <summary>A sensor reading taken by a sampler.</summary>
    /// <param name="timestampNanoseconds">When the sampler read it (its poll time).</param>
    /// <param name="bus">The I2C bus.</param>
    /// <param name="address">The I2C address.</param>
    /// <param name="temperatureCelsius">°C.</param>
    /// <param name="pressurePascals">Pa.</param>
    /// <param name="humidityPercent">%RH.</param>
    void Reading(long timestampNanoseconds, int bus, int address, double temperatureCelsius, double pressurePascals, double humidityPercent);

    /// <summary>The run loop polled samplers and watchdogs.</summary>
    /// <param name="timestampNanoseconds">The poll's time.</param>
    void Poll(long timestampNanoseconds);
}
