namespace Edge.Ipc;

/// <summary>
/// The reader's fence of a <see cref="SharedRegion"/> (nanoFramework form; see RegionBarrier.net.cs).
/// nanoFramework's mscorlib has no Thread.MemoryBarrier or Interlocked.MemoryBarrier, and needs none: its
/// managed threads run on one core with no reordering visible to managed code (see Platform.nano.cs), so
/// program order is already memory order.
/// </summary>
internal static class RegionBarrier
{
    /// <summary>Nothing to do on one core with in-order managed memory access.</summary>
    internal static void Full()
    {
    }
}
