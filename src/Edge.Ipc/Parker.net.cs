using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// One task's sleep and wake-up (.NET form; Parker.nano.cs is the nanoFramework form). A permit-style event:
/// <see cref="Unpark"/> leaves a permit that the next <see cref="Park"/> consumes. Callers always re-check their
/// own state after waking, so a stale permit only costs one extra loop.
/// </summary>
internal sealed class Parker
{
    // ManualResetEventSlim sets without a kernel transition when nobody sleeps on it.
    private readonly ManualResetEventSlim _event = new ManualResetEventSlim(false, spinCount: 1);

    /// <summary>Waits for a permit; returns false on timeout. <paramref name="timeoutMs"/> may be infinite (-1).</summary>
    internal bool Park(int timeoutMs)
    {
        bool signalled = _event.Wait(timeoutMs);
        _event.Reset();
        return signalled;
    }

    /// <summary>Leaves a permit and wakes the parked thread, if any. Never blocks.</summary>
    internal void Unpark() => _event.Set();
}
