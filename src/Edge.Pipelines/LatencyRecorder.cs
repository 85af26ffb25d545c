using System;
using System.Threading;

namespace Edge.Pipelines;

/// <summary>
/// Latency samples (nanoseconds) kept in a fixed ring of the most recent <see cref="Capacity"/>; count and maximum
/// cover every sample. One writer (the consuming task); read after the run.
/// </summary>
public sealed class LatencyRecorder
{
    /// <summary>Samples kept for percentiles.</summary>
    public const int Capacity = 65536;

    private readonly long[] _samples = new long[Capacity];
    private long _count;
    private long _max;

    /// <summary>Samples recorded.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>The largest sample, ns.</summary>
    public long MaxNanoseconds => Interlocked.Read(ref _max);

    /// <summary>Records one sample. Never blocks or allocates; one writer thread.</summary>
    /// <param name="nanoseconds">The latency; negative values count as 0.</param>
    public void Record(long nanoseconds)
    {
        if (nanoseconds < 0)
        {
            nanoseconds = 0;
        }

        long n = Interlocked.Read(ref _count);
        _samples[n % Capacity] = nanoseconds;
        if (nanoseconds > _max)
        {
            Interlocked.Exchange(ref _max, nanoseconds);
        }

        Interlocked.Exchange(ref _count, n + 1);
    }

    /// <summary>The <paramref name="fraction"/> quantile (0 to 1) of the kept samples, ns; 0 when empty. Allocates.</summary>
    /// <param name="fraction">The quantile, such as 0.99.</param>
    /// <returns>The value.</returns>
    public long Percentile(double fraction)
    {
        int kept = (int)Math.Min(Count, Capacity);
        if (kept == 0)
        {
            return 0;
        }

        var copy = new long[kept];
        Array.Copy(_samples, copy, kept);
        Array.Sort(copy);
        int index = (int)Math.Ceiling(fraction * kept) - 1;
        return copy[Math.Clamp(index, 0, kept - 1)];
    }
}
