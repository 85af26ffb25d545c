using System;
using System.Diagnostics;
using Edge.Ipc;

namespace Edge.Benchmarks.Clock;

/// <summary>Reads one clock in a loop, folding the readings into a value kept, so that no reading can be optimized away.</summary>
internal sealed class ClockReader : Contender
{
    private readonly Source _source;
    private readonly IClock _clock = SystemClock.Instance;

    public ClockReader(string name, ContenderRole role, Source source)
        : base(name, role)
    {
        _source = source;
    }

    public enum Source
    {
        EdgeSystemClock,
        Stopwatch,
        WallClock,
        CoarseTick,
    }

    /// <summary>The fold of the last run's readings.</summary>
    public long Sink { get; private set; }

    public override void Run(int operations)
    {
        long sum = 0;
        switch (_source)
        {
            case Source.EdgeSystemClock:
                for (int i = 0; i < operations; i++)
                {
                    sum ^= _clock.NowNanoseconds;
                }

                break;
            case Source.Stopwatch:
                for (int i = 0; i < operations; i++)
                {
                    sum ^= System.Diagnostics.Stopwatch.GetTimestamp();
                }

                break;
            case Source.WallClock:
                for (int i = 0; i < operations; i++)
                {
                    sum ^= DateTime.UtcNow.Ticks;
                }

                break;
            default:
                for (int i = 0; i < operations; i++)
                {
                    sum ^= Environment.TickCount64;
                }

                break;
        }

        Sink = sum;
    }
}
