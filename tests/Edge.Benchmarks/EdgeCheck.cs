using System;
using Edge.Ipc;

namespace Edge.Benchmarks;

/// <summary>Every blocking Edge call in a benchmark must succeed; anything else is a failed run, not a slow one.</summary>
internal static class EdgeCheck
{
    public static void Ok(IpcStatus status)
    {
        if (status != IpcStatus.Ok)
        {
            throw new InvalidOperationException("Edge returned " + status + ".");
        }
    }
}
