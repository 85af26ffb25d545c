using System;
using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// The few primitives whose best form differs between .NET and nanoFramework (see Platform.nano.cs).
/// On .NET: acquire/release field access, a monotonic millisecond tick, and a spin that backs off.
/// </summary>
internal static class Platform
{
    /// <summary>True where spinning briefly before parking can pay off (more than one core).</summary>
    internal static readonly bool CanSpin = Environment.ProcessorCount > 1;

    internal static int Read(ref int location) => Volatile.Read(ref location);

    internal static void Write(ref int location, int value) => Volatile.Write(ref location, value);

    internal static long NowMilliseconds() => Environment.TickCount64;

    internal static void Spin(int iteration) => Thread.SpinWait(iteration < 10 ? 4 << iteration : 4096);
}
