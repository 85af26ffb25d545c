namespace Edge.Ipc;

/// <summary>
/// The monotonic time source stamped into messages. Injected so that a board uses its real clock and the
/// emulator and tests use a virtual one (see <see cref="ManualClock"/>).
/// </summary>
public interface IClock
{
    /// <summary>Monotonic time in nanoseconds since an arbitrary origin. Must be safe to call from any thread.</summary>
    long NowNanoseconds { get; }
}
