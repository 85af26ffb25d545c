using System;
using System.IO;
using System.Threading;
using Edge.Ipc;
using Edge.Pipelines;

namespace Edge.Hosting;

/// <summary>
/// Runs a started pipeline in real time: every <see cref="TickNanoseconds"/> its samplers and GPIO watchdogs poll,
/// console output is flushed and the tick callback runs, until the duration passes or the stop token is set.
/// Draining is the host's job, after the sources stop.
/// </summary>
public static class RealTimeLoop
{
    /// <summary>The poll period: 10 ms.</summary>
    public const long TickNanoseconds = 10_000_000;

    /// <summary>Runs <paramref name="pipeline"/> until <paramref name="durationNanoseconds"/> passed (forever when null) or <paramref name="stop"/> is set.</summary>
    /// <param name="pipeline">The pipeline, started.</param>
    /// <param name="clock">The run's clock.</param>
    /// <param name="output">Where console sinks write.</param>
    /// <param name="durationNanoseconds">How long to run; null runs until stopped.</param>
    /// <param name="stop">Ends the run.</param>
    /// <param name="onTick">Called after every tick with the clock's time; may be null.</param>
    /// <returns>Null when the run ended as asked; otherwise what went wrong.</returns>
    /// <remarks>Blocks. Not for interrupt or driver callbacks.</remarks>
    public static string? Run(Pipeline pipeline, IClock clock, SinkOutput output, long? durationNanoseconds, CancellationToken stop, Action<long>? onTick = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(output);
        long start = clock.NowNanoseconds;
        long end = durationNanoseconds is long d && d < long.MaxValue - start ? start + d : long.MaxValue;
        try
        {
            while (clock.NowNanoseconds < end && !stop.WaitHandle.WaitOne(TimeSpan.FromTicks(TickNanoseconds / 100)))
            {
                long now = clock.NowNanoseconds;
                pipeline.Poll(now);
                output.Flush();
                onTick?.Invoke(now);
            }

            return null;
        }
        catch (IOException ex)
        {
            return "sensor read failed: " + ex.Message;
        }
    }
}
