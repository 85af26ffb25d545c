using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// One task's sleep and wake-up (nanoFramework form; see Parker.net.cs): an AutoResetEvent is exactly a
/// permit that one wait consumes.
/// </summary>
internal sealed class Parker
{
    private readonly AutoResetEvent _event = new AutoResetEvent(false);

    /// <summary>Waits for a permit; returns false on timeout. <paramref name="timeoutMs"/> may be infinite (-1).</summary>
    internal bool Park(int timeoutMs) => _event.WaitOne(timeoutMs, false);

    /// <summary>Leaves a permit and wakes the parked thread, if any. Never blocks.</summary>
    internal void Unpark() => _event.Set();
}
