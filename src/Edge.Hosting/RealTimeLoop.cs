using System;
using System.IO;
using System.Threading;
using Edge.Ipc;
using Edge.Pipelines;

namespace Edge.Hosting;

/// <summary>
/// Runs a started pipeline in real time: every <see cref="TickNanoseconds"/> its samplers and GPIO watchdogs poll and
/// console output is flushed, until the duration passes or the stop token is set; then it lets the mailboxes drain.
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
    /// <returns>Null when the run ended as asked; otherwise what went wrong.</returns>
    /// <remarks>Blocks. Not for interrupt or driver callbacks.</remarks>
    public static string? Run(Pipeline pipeline, IClock clock, SinkOutput output, long? durationNanoseconds, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(output);
        long end = durationNanoseconds is long d ? clock.NowNanoseconds + d : long.MaxValue;
        try
        {
            while (clock.NowNanoseconds < end && !stop.WaitHandle.WaitOne(TimeSpan.FromTicks(TickNanoseconds / 100)))
            {
                pipeline.Poll(clock.NowNanoseconds);
                output.Flush();
            }

            pipeline.WaitIdle(TimeSpan.FromSeconds(2));
            output.Flush();
            return null;
        }
        catch (IOException ex)
        {
            return "sensor read failed: " + ex.Message;
        }
    }
}
