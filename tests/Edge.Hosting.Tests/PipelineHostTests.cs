using System;
using System.IO;
using System.Threading;
using Edge.Configuration;
using Edge.Emulator;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Hosting.Tests;

/// <summary>The host the command and the tests share: files to summary on the emulator.</summary>
[TestClass]
public sealed class PipelineHostTests
{
    [TestMethod]
    public void Run_DefaultsForTwoVirtualSeconds_StepsToTheEndAndSummarises()
    {
        var console = new StringWriter();
        using PipelineHost host = PipelineHost.Prepare(new RunRequest { DurationNanoseconds = 2_000_000_000 }, console);

        RunResult result = host.Run();

        Assert.IsTrue(result.Succeeded, result.Failure);
        Assert.IsTrue(host.IsVirtualTime);
        Assert.AreEqual("weather-station", result.Summary.Name);
        Assert.AreEqual(9L, result.Summary.Samplers[0].Readings);
        StringAssert.Contains(console.ToString(), "wind");
    }

    [TestMethod]
    public void DurationNanoseconds_NotGivenOnVirtualTime_IsTheScenarios()
    {
        using PipelineHost host = PipelineHost.Prepare(new RunRequest(), TextWriter.Null);

        Assert.AreEqual(host.Scenario!.DurationNanoseconds, host.DurationNanoseconds);
    }

    [TestMethod]
    public void Run_StopRequestedBeforehand_EndsAfterNoStepAndStillSummarises()
    {
        using PipelineHost host = PipelineHost.Prepare(new RunRequest { DurationNanoseconds = 5_000_000_000 }, TextWriter.Null);
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        RunResult result = host.Run(stop.Token);

        Assert.IsTrue(result.Succeeded);
        Assert.AreEqual(0L, result.Summary.Samplers[0].Readings);
    }

    [TestMethod]
    public void Prepare_MissingPipeline_ThrowsNamingTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), "edge-no-such-pipeline.json");

        var ex = Assert.ThrowsExactly<ConfigurationException>(() => PipelineHost.Prepare(new RunRequest { PipelinePath = path }, TextWriter.Null));

        Assert.AreEqual(path + ": (file): does not exist.", ex.Message);
    }

    [TestMethod]
    public void VirtualTimeStepper_RealTimeBoard_IsRefused()
    {
        using EmulatedBoard board = EmulatedBoard.Create(null, virtualTime: false);
        using PipelineHost host = PipelineHost.Prepare(new RunRequest(), TextWriter.Null);

        Assert.ThrowsExactly<ArgumentException>(() => new VirtualTimeStepper(board, host.Pipeline, new Edge.Pipelines.SinkOutput(TextWriter.Null)));
    }
}
