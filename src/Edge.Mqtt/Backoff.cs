using System;

namespace Edge.Mqtt;

/// <summary>
/// Exponential back-off with jitter between reconnection attempts: the n-th wait is a random time between half and all
/// of <c>min(max, first * 2^n)</c>, so clients that lost the same broker do not all return at the same instant.
/// </summary>
internal sealed class Backoff
{
    private readonly TimeSpan _first;
    private readonly TimeSpan _max;
    private readonly Random _random;
    private int _attempt;

    public Backoff(TimeSpan first, TimeSpan max, int seed)
    {
        _first = first;
        _max = max;
        _random = new Random(seed);
    }

    /// <summary>The wait before the next attempt; each call doubles the ceiling up to the maximum.</summary>
    public TimeSpan Next()
    {
        double ceiling = Math.Min(_max.TotalMilliseconds, _first.TotalMilliseconds * Math.Pow(2, Math.Min(_attempt, 30)));
        _attempt++;
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (0.5 * _random.NextDouble())));
    }

    /// <summary>Starts again from the first wait (after a successful connection).</summary>
    public void Reset() => _attempt = 0;
}
