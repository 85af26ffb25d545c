using System;
using System.Device.Gpio;
using System.IO;
using Edge.Emulator;
using Edge.Emulator.Scenarios;
using Edge.Hardware.Boards;
using Edge.Hosting;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Pipelines.Tests;

/// <summary>The threshold stage's alarms: raised and cleared, above and below, with hysteresis.</summary>
[TestClass]
public sealed class ThresholdStageTests
{
    private const string Scenario = """
        { "name": "swing", "durationMs": 3000,
          "sensors": [ { "device": "bme280", "address": "0x76",
            "temperatureC": [ { "atMs": 0, "value": 20 }, { "atMs": 1000, "value": 30 }, { "atMs": 3000, "value": 10 } ] } ] }
        """;

    private const string Pipeline = """
        { "name": "alarm",
          "mailboxes": [ { "name": "raw", "capacity": 8 }, { "name": "alerts", "capacity": 8 } ],
          "sources": [ { "type": "bme280", "to": "raw", "periodMs": 100 } ],
          "stages": [ { "type": "threshold", "from": "raw", "to": "alerts", "above": 25, "below": 15, "hysteresis": 1 } ],
          "sinks": [ { "type": "console", "name": "alerts", "from": "alerts" } ] }
        """;

    [TestMethod]
    public void Threshold_TemperatureSwingsThroughTheBand_RaisesAndClearsEachAlarmOnce()
    {
        // Steps: temperature rises 20 -> 30 in 1 s, then falls to 10 by 3 s; readings every 100 ms.
        // Expected: raised above 25, cleared below 24, raised below 15, in that order, nothing else.
        string[] alerts = Run();

        Assert.AreEqual(3, alerts.Length, string.Join("\n", alerts));
        StringAssert.StartsWith(alerts[0], "alerts: raised: temperature ");
        StringAssert.EndsWith(alerts[0], " is above 25.00 °C");
        StringAssert.StartsWith(alerts[1], "alerts: cleared: temperature ");
        StringAssert.EndsWith(alerts[1], " is back below 24.00 °C");
        StringAssert.StartsWith(alerts[2], "alerts: raised: temperature ");
        StringAssert.EndsWith(alerts[2], " is below 15.00 °C");
    }

    private static string[] Run()
    {
        string hardware = HardwareLocator.Find()!;
        BoardProfile profile = BoardProfile.Load(Path.Combine(hardware, "boards", "emulator.json"));
        using EmulatedBoard board = EmulatedBoard.Create(Edge.Emulator.Scenarios.Scenario.Parse(Scenario, "swing.json"), virtualTime: true);
        using var gpio = new GpioController(board.GpioDriver);
        var output = new SinkOutput(TextWriter.Null, keepTranscript: true);
        using Pipeline pipeline = Edge.Pipelines.Pipeline.Parse(Pipeline, "alarm.json", new PipelineHardware(gpio, board.CreateI2cDevice, new EmulatorClockAdapter(board.Clock), profile), output);
        pipeline.Start();
        Assert.IsNull(new VirtualTimeStepper(board, pipeline, output).RunUntil(3_000_000_000));
        Assert.AreEqual(0, pipeline.Stop().Count);
        return output.GetTranscript();
    }
}
