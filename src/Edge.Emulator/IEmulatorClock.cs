namespace Edge.Emulator;

/// <summary>
/// The emulated board's notion of "now". The emulator's own interface, so that the board never depends on the
/// IPC core; another project adapts it to its clock abstraction with a one-line wrapper.
/// </summary>
/// <remarks>
/// <see cref="VirtualClock"/> moves only when the scenario runner (or a test) advances it, which makes runs
/// deterministic. <see cref="RealTimeClock"/> follows the host's monotonic clock.
/// </remarks>
public interface IEmulatorClock
{
    /// <summary>
    /// Monotonic time in nanoseconds since the board's origin (scenario time 0). Never blocks; safe from any
    /// thread, including pin-changed callbacks.
    /// </summary>
    long NowNanoseconds { get; }
}
