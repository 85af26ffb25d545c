namespace Edge.Hosting;

/// <summary>
/// Follows a run of <see cref="PipelineHost.Run"/> on the run's own thread: told once the pipeline is wired and
/// running, on every tick (each 10 ms poll in real time, each step on virtual time, after console output is
/// flushed), and when the run ends. The service notifications, the stats line and the command's messages use it.
/// </summary>
public interface IRunListener
{
    /// <summary>The pipeline is built, its tasks and sources started: the run is ready.</summary>
    /// <param name="host">The host.</param>
    /// <remarks>Called on the run's thread; a slow listener delays the run.</remarks>
    void OnStarted(PipelineHost host);

    /// <summary>One tick of the run loop, at a point where console output is flushed.</summary>
    /// <param name="host">The host.</param>
    /// <param name="nowNanoseconds">The run clock (virtual time on the emulator).</param>
    /// <remarks>Called on the run's thread every 10 ms of run time; keep it cheap.</remarks>
    void OnTick(PipelineHost host, long nowNanoseconds);

    /// <summary>The run ends: sources are about to stop and mailboxes to drain.</summary>
    /// <param name="host">The host.</param>
    /// <param name="stopRequested">True when the stop token ended the run (a signal), false when its duration passed or it failed.</param>
    void OnStopping(PipelineHost host, bool stopRequested);
}
