using System;
using System.Device.Gpio;
using System.IO;
using Edge.Configuration;
using Edge.Emulator;
using Edge.Emulator.Scenarios;
using Edge.Hardware.Boards;
using Edge.Hosting;
using Edge.Pipelines;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Pipelines.Tests;

[TestClass]
public sealed class PipelineTests
{
    private static string Hardware
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "hardware");
                if (Directory.Exists(Path.Combine(candidate, "pipelines")))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("hardware/ not found");
        }
    }

    private static string[] RunOnce(string pipelineJson, out PipelineSummary summary)
    {
        Scenario scenario = Scenario.Load(Path.Combine(Hardware, "scenarios", "weather-station.json"));
        BoardProfile profile = BoardProfile.Load(Path.Combine(Hardware, "boards", "emulator.json"));
        using EmulatedBoard board = EmulatedBoard.Create(scenario, virtualTime: true);
        using var gpio = new GpioController(board.GpioDriver);
        var output = new SinkOutput(new StringWriter(), keepTranscript: true);
        using Pipeline pipeline = Pipeline.Parse(pipelineJson, "test.json", new PipelineHardware(gpio, board.CreateI2cDevice, new EmulatorClockAdapter(board.Clock), profile), output);
        pipeline.Start();
        Assert.IsNull(new VirtualTimeStepper(board, pipeline, output).RunUntil(10_000_000_000));
        Assert.AreEqual(0, pipeline.Stop().Count);
        summary = pipeline.GetSummary();
        return output.GetTranscript();
    }

    [TestMethod]
    public void Run_SameScenarioTwice_ProducesIdenticalSinkSequences()
    {
        // Steps: run the shipped weather-station pipeline and scenario twice on virtual time.
        // Expected: the full transcript of every sink's output is identical, and not trivially empty.
        string json = File.ReadAllText(Path.Combine(Hardware, "pipelines", "weather-station.json"));
        string[] first = RunOnce(json, out _);
        string[] second = RunOnce(json, out _);
        Assert.IsTrue(first.Length > 15, "transcript has " + first.Length + " lines");
        CollectionAssert.AreEqual(first, second);
    }

    [TestMethod]
    public void Run_WeatherStation_CountsButtonPressesExactly()
    {
        string json = File.ReadAllText(Path.Combine(Hardware, "pipelines", "weather-station.json"));
        string[] transcript = RunOnce(json, out PipelineSummary summary);
        Assert.AreEqual(1, Array.FindAll(transcript, l => l.StartsWith("buttons: button on pin 5: click", StringComparison.Ordinal)).Length);
        Assert.AreEqual(1, Array.FindAll(transcript, l => l.StartsWith("buttons: button on pin 5: press", StringComparison.Ordinal)).Length);
        PinSummary button = summary.Pins[0];
        Assert.AreEqual(5, button.Pin);
        Assert.AreEqual(26L, button.Statistics.EdgesSeen);
        Assert.AreEqual(2L, button.Statistics.Accepted);
        Assert.AreEqual(24L, button.Statistics.Debounced);
    }

    [TestMethod]
    public void Parse_BadWindow_NamesFileEntryAndProblem()
    {
        string json = File.ReadAllText(Path.Combine(Hardware, "pipelines", "weather-station.json")).Replace("\"window\": 4", "\"window\": 0", StringComparison.Ordinal);
        BoardProfile profile = BoardProfile.Load(Path.Combine(Hardware, "boards", "emulator.json"));
        using EmulatedBoard board = EmulatedBoard.Create(null, virtualTime: true);
        using var gpio = new GpioController(board.GpioDriver);
        var ex = Assert.ThrowsExactly<ConfigurationException>(() => Pipeline.Parse(json, "bad.json", new PipelineHardware(gpio, board.CreateI2cDevice, new EmulatorClockAdapter(board.Clock), profile), new SinkOutput(TextWriter.Null)));
        Assert.AreEqual("bad.json", ex.File);
        Assert.AreEqual("stages[1].window", ex.Entry);
        StringAssert.Contains(ex.Problem, "from 1 to 1024");
    }

    [TestMethod]
    public void Parse_KindMismatch_NamesTheStage()
    {
        // Swap the inputs of the weather rate limiter and the button stage: the button stage then gets weather readings.
        string json = File.ReadAllText(Path.Combine(Hardware, "pipelines", "weather-station.json"))
            .Replace("\"from\": \"to-log\"", "\"from\": \"@tmp\"", StringComparison.Ordinal)
            .Replace("\"from\": \"button-gpio\"", "\"from\": \"to-log\"", StringComparison.Ordinal)
            .Replace("\"from\": \"@tmp\"", "\"from\": \"button-gpio\"", StringComparison.Ordinal);
        BoardProfile profile = BoardProfile.Load(Path.Combine(Hardware, "boards", "emulator.json"));
        using EmulatedBoard board = EmulatedBoard.Create(null, virtualTime: true);
        using var gpio = new GpioController(board.GpioDriver);
        var ex = Assert.ThrowsExactly<ConfigurationException>(() => Pipeline.Parse(json, "bad.json", new PipelineHardware(gpio, board.CreateI2cDevice, new EmulatorClockAdapter(board.Clock), profile), new SinkOutput(TextWriter.Null)));
        Assert.AreEqual("stages[4].from", ex.Entry);
        StringAssert.Contains(ex.Problem, "weather messages");
    }

    [TestMethod]
    public void Load_ShippedBoardProfiles_ResolveButtonPin()
    {
        foreach (string name in new[] { "emulator", "rpi4", "rpi5" })
        {
            BoardProfile p = BoardProfile.Load(Path.Combine(Hardware, "boards", name + ".json"));
            Assert.IsTrue(p.TryResolvePin("BUTTON", out int pin));
            Assert.AreEqual(5, pin);
            Assert.AreEqual(1, p.I2cBus);
        }
    }

    [TestMethod]
    public void Parse_BoardProfileBadChip_NamesEntry()
    {
        var ex = Assert.ThrowsExactly<ConfigurationException>(() => BoardProfile.Parse("{\"name\":\"x\",\"gpioChip\":\"chip0\",\"i2cBus\":1,\"pins\":{}}", "x.json"));
        Assert.AreEqual("gpioChip", ex.Entry);
    }
}
