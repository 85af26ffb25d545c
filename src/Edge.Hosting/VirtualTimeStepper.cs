using System;
using System.Threading;
using Edge.Emulator;
using Edge.Pipelines;

namespace Edge.Hosting;

/// <summary>
/// Runs a pipeline on the emulator's virtual clock in fixed steps: the board plays its scenario up to the step's
/// end, the pipeline's samplers and GPIO watchdogs poll, then the step waits until every mailbox is drained and every
/// task has handled what it received, and flushes console output. Each step ends at a quiet point, which is what
/// makes the printed flow the same on every run.
/// </summary>
public sealed class VirtualTimeStepper
{
    /// <summary>Virtual-time step: samplers and watchdogs are checked, and output flushed, every step.</summary>
    public const long StepNanoseconds = 10_000_000;

    /// <summary>How long one step may take to drain, in real time, before the run is declared stuck.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    private readonly EmulatedBoard _board;
    private readonly Pipeline _pipeline;
    private readonly SinkOutput _output;
    private long _next;

    /// <summary>Steps <paramref name="pipeline"/> on <paramref name="board"/>'s virtual clock.</summary>
    /// <param name="board">A virtual-time board.</param>
    /// <param name="pipeline">The pipeline, started.</param>
    /// <param name="output">Where console sinks write; flushed each step.</param>
    /// <exception cref="ArgumentException">The board runs in real time.</exception>
    public VirtualTimeStepper(EmulatedBoard board, Pipeline pipeline, SinkOutput output)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(output);
        if (!board.IsVirtualTime)
        {
            throw new ArgumentException("The board runs in real time; step only a virtual-time board.", nameof(board));
        }

        _board = board;
        _pipeline = pipeline;
        _output = output;
    }

    /// <summary>The virtual time of the next step.</summary>
    public long NextNanoseconds => _next;

    /// <summary>Runs steps up to and including <paramref name="endNanoseconds"/>, or until <paramref name="stop"/> is set.</summary>
    /// <param name="endNanoseconds">The last step's time.</param>
    /// <param name="stop">Stops after the current step.</param>
    /// <param name="onStep">Called after every step with its virtual time, at its quiet point; may be null.</param>
    /// <returns>Null when every step drained; otherwise what went wrong.</returns>
    /// <remarks>Blocks (runs the board on this thread). Not for interrupt or driver callbacks.</remarks>
    public string? RunUntil(long endNanoseconds, CancellationToken stop = default, Action<long>? onStep = null)
    {
        while (_next <= endNanoseconds && !stop.IsCancellationRequested)
        {
            long t = _next;
            string? failure = Step();
            if (failure != null)
            {
                return failure;
            }

            onStep?.Invoke(t);
        }

        return null;
    }

    /// <summary>Runs one step.</summary>
    /// <returns>Null when the step drained; otherwise what went wrong.</returns>
    /// <remarks>Blocks. Not for interrupt or driver callbacks.</remarks>
    public string? Step()
    {
        long t = _next;
        _board.Run(t);
        _pipeline.Poll(t);
        if (!_pipeline.WaitIdle(DrainTimeout))
        {
            return "the pipeline did not drain within " + DrainTimeout.TotalSeconds + " s at " + (t / 1e9).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s of virtual time";
        }

        _output.Flush();
        _next = t + StepNanoseconds;
        return null;
    }
}
