using System;
using System.IO;
using Edge.Configuration;
using Edge.Emulator.Traces;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Hosting.Tests;

/// <summary>Record a run's inputs, replay them on virtual time, get the same sink output.</summary>
[TestClass]
public sealed class RecordReplayTests
{
    [TestMethod]
    public void Replay_OfARealTimeRecording_GivesTheSameSinkOutput()
    {
        // Steps: run the weather station on the emulator in real time for 5.5 s (the button is pressed at 5 s),
        // standing in for a board, recording its inputs; replay the trace on virtual time through the same pipeline.
        // Expected: every sink line of the replay equals the recording's, in order, and nothing was dropped.
        string trace = Path.Combine(Path.GetTempPath(), "edge-trace-" + Guid.NewGuid().ToString("N") + ".edgetrace");
        try
        {
            RunResult recorded;
            using (PipelineHost host = PipelineHost.Prepare(new RunRequest { RealTime = true, DurationNanoseconds = 5_500_000_000, TracePath = trace, KeepTranscript = true }, TextWriter.Null))
            {
                recorded = host.Run();
            }

            Assert.IsTrue(recorded.Succeeded, recorded.Failure);
            Trace loaded = Trace.Load(trace);
            Assert.AreEqual(0L, loaded.Dropped);
            Assert.AreEqual("emulator", loaded.Header.BoardName);

            RunResult replayed;
            using (PipelineHost host = PipelineHost.Prepare(new RunRequest { ReplayPath = trace, KeepTranscript = true }, TextWriter.Null))
            {
                Assert.IsTrue(host.IsVirtualTime);
                replayed = host.Run();
            }

            Assert.IsTrue(replayed.Succeeded, replayed.Failure);
            Assert.IsGreaterThan(10, recorded.Transcript.Length, "the recording should show weather, wind and the button");
            Assert.IsTrue(Array.Exists(recorded.Transcript, l => l.Contains("button on pin 5: click", StringComparison.Ordinal)), string.Join("\n", recorded.Transcript));
            CollectionAssert.AreEqual(recorded.Transcript, replayed.Transcript);
        }
        finally
        {
            File.Delete(trace);
        }
    }

    [TestMethod]
    public void Prepare_ReplayOfAMissingTrace_NamesTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), "edge-no-such-trace.edgetrace");

        var ex = Assert.ThrowsExactly<ConfigurationException>(() => PipelineHost.Prepare(new RunRequest { ReplayPath = path }, TextWriter.Null));

        Assert.AreEqual(path + ": (file): does not exist.", ex.Message);
    }
}
