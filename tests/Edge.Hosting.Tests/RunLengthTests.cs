using System;
using System.IO;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Hosting.Tests;

/// <summary>How long a run lasts, how it is told to stop, and what listeners see.</summary>
[TestClass]
public sealed class RunLengthTests
{
    [TestMethod]
    public void Run_DurationInfiniteOnVirtualTime_RunsPastTheScenarioUntilStopped()
    {
        // Steps: --duration infinite on virtual time; a listener sets the stop token at 2 s of virtual time.
        // Expected: the run has no set length, it ends after the step at 2 s, every listener call came in order,
        // and the summary counts the readings of 2 s (one at 0 s, then every 250 ms).
        using PipelineHost host = PipelineHost.Prepare(new RunRequest { DurationNanoseconds = RunRequest.Infinite }, TextWriter.Null);
        using var stop = new CancellationTokenSource();
        var listener = new StopAt(2_000_000_000, stop);

        RunResult result = host.Run(stop.Token, new[] { listener });

        Assert.IsNull(host.DurationNanoseconds);
        Assert.IsTrue(result.Succeeded, result.Failure);
        Assert.AreEqual(1, listener.Started);
        Assert.AreEqual(201, listener.Ticks);
        Assert.AreEqual("stopping (requested)", listener.Last);
        Assert.AreEqual(9L, result.Summary.Samplers[0].Readings);
        Assert.IsFalse(result.TasksStillRunning);
    }

    [TestMethod]
    public void Run_DurationGiven_EndsWithoutAStopRequest()
    {
        using PipelineHost host = PipelineHost.Prepare(new RunRequest { DurationNanoseconds = 1_000_000_000 }, TextWriter.Null);
        var listener = new StopAt(long.MaxValue, null);

        RunResult result = host.Run(default, new[] { listener });

        Assert.IsTrue(result.Succeeded, result.Failure);
        Assert.AreEqual(101, listener.Ticks);
        Assert.AreEqual("stopping", listener.Last);
    }

    [TestMethod]
    public void Run_RealTimeUntilStopped_DrainsEveryMailboxAfterTheStop()
    {
        // Steps: the emulator on real time with no duration; a listener requests the stop at its 20th tick.
        // Expected: the run ends only because of the stop; afterwards every mailbox delivered what it was sent.
        using PipelineHost host = PipelineHost.Prepare(new RunRequest { RealTime = true }, TextWriter.Null);
        using var stop = new CancellationTokenSource();
        var listener = new StopAfterTicks(20, stop);

        RunResult result = host.Run(stop.Token, new[] { listener });

        Assert.IsNull(host.DurationNanoseconds);
        Assert.IsTrue(result.Succeeded, result.Failure);
        foreach (Edge.Pipelines.MailboxSummary m in result.Summary.Mailboxes)
        {
            Assert.AreEqual(0, m.Statistics.Depth, m.Name);
            Assert.AreEqual(m.Statistics.Sent, m.Statistics.Received, m.Name);
        }
    }

    [TestMethod]
    public void HealthReporter_IntervalBelowOneSecond_IsRefused()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new HealthReporter(999_999_999, _ => { }));
    }

    private sealed class StopAt : IRunListener
    {
        private readonly long _at;
        private readonly CancellationTokenSource? _stop;

        public StopAt(long at, CancellationTokenSource? stop)
        {
            _at = at;
            _stop = stop;
        }

        public int Started { get; private set; }

        public int Ticks { get; private set; }

        public string Last { get; private set; } = string.Empty;

        public void OnStarted(PipelineHost host) => Started++;

        public void OnTick(PipelineHost host, long nowNanoseconds)
        {
            Ticks++;
            if (nowNanoseconds >= _at)
            {
                _stop?.Cancel();
            }
        }

        public void OnStopping(PipelineHost host, bool stopRequested) => Last = stopRequested ? "stopping (requested)" : "stopping";
    }

    private sealed class StopAfterTicks : IRunListener
    {
        private readonly int _ticks;
        private readonly CancellationTokenSource _stop;
        private int _seen;

        public StopAfterTicks(int ticks, CancellationTokenSource stop)
        {
            _ticks = ticks;
            _stop = stop;
        }

        public void OnStarted(PipelineHost host)
        {
        }

        public void OnTick(PipelineHost host, long nowNanoseconds)
        {
            if (++_seen == _ticks)
            {
                _stop.Cancel();
            }
        }

        public void OnStopping(PipelineHost host, bool stopRequested) => Assert.IsTrue(stopRequested);
    }
}
