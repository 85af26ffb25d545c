using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// The full memory fence a <see cref="SharedRegion"/> reader needs between copying the bytes out and reading
/// the version again (.NET form; RegionBarrier.nano.cs is the nanoFramework form). An acquire read of the
/// version would not do: it stops later loads moving before it, not earlier loads (the copy) moving after it.
/// </summary>
internal static class RegionBarrier
{
    /// <summary>No load or store moves across this call in either direction.</summary>
    internal static void Full() => Interlocked.MemoryBarrier();
}
