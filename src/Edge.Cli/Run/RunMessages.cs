using System;
using System.IO;
using Edge.Hosting;

namespace Edge.Cli.Run;

/// <summary>
/// The lines <c>edge run</c> prints about the run itself: on real time, that it is running and how to stop it (the
/// line a script or test waits for); when a signal stops it, which one and what happens next.
/// </summary>
internal sealed class RunMessages : IRunListener
{
    private readonly TextWriter _out;
    private readonly Func<string?>? _stopReason;

    public RunMessages(TextWriter output, Func<string?>? stopReason)
    {
        _out = output;
        _stopReason = stopReason;
    }

    public void OnStarted(PipelineHost host)
    {
        if (!host.IsVirtualTime)
        {
            _out.WriteLine("edge run: running; Ctrl+C or SIGTERM stops it and prints the summary.");
        }
    }

    public void OnTick(PipelineHost host, long nowNanoseconds)
    {
    }

    public void OnStopping(PipelineHost host, bool stopRequested)
    {
        if (stopRequested)
        {
            _out.WriteLine("edge run: " + (_stopReason?.Invoke() ?? "stop requested") + ": stopping the sources, draining the mailboxes, flushing the sinks.");
        }
    }
}
