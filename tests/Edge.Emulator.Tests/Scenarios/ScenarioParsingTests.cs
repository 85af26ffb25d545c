using System;
using System.Collections.Generic;
using System.IO;
using Edge.Configuration;
using Edge.Emulator.Scenarios;
using Edge.Emulator.Stimulus;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Emulator.Tests.Scenarios;

/// <summary>Scenario files: valid input loads completely; bad input names file, entry and problem.</summary>
[TestClass]
public sealed class ScenarioParsingTests
{
    private const string Source = "hardware/scenarios/test.json";

    [TestMethod]
    public void Parse_MinimalScenario_UsesDefaults()
    {
        Scenario scenario = Scenario.Parse("{ \"name\": \"quiet\", \"durationMs\": 1500 }", Source);

        Assert.AreEqual("quiet", scenario.Name);
        Assert.AreEqual(Source, scenario.SourceName);
        Assert.AreEqual(0, scenario.Seed);
        Assert.AreEqual(1_500_000_000, scenario.DurationNanoseconds);
        Assert.AreEqual(28, scenario.PinCount);
        Assert.AreEqual(0, scenario.CreateSignals().Count);
        Assert.AreEqual(0, scenario.SensorCount);
    }

    [TestMethod]
    public void Parse_EveryKindOfEntry_CreatesSignalsInScenarioOrder()
    {
        const string json = """
            {
              "name": "all", "seed": 5, "durationMs": 10000,
              "board": { "pinCount": 40, "pinNames": { "33": "HIGH_PIN" } },
              "pins": [
                { "pin": 33, "generator": "square", "periodUs": 1000 },
                { "pin": 4, "generator": "bounce", "pressesAtMs": [100, 2000] },
                { "pin": 9, "generator": "poisson", "ratePerSecond": 10, "pulseWidthUs": 1000 }
              ],
              "events": [ { "atMs": 5, "pin": 2, "level": "high" }, { "atMs": 1, "pin": 2, "level": "low" } ],
              "sensors": [ { "device": "bme280", "address": 119, "temperatureC": [ { "atMs": 0, "value": 1 } ] } ]
            }
            """;

        Scenario scenario = Scenario.Parse(json, Source);
        IReadOnlyList<PinSignal> signals = scenario.CreateSignals();

        Assert.AreEqual(40, scenario.PinCount);
        Assert.AreEqual("HIGH_PIN", scenario.PinNames[33]);
        Assert.AreEqual(4, signals.Count);
        Assert.IsInstanceOfType<SquareWaveSignal>(signals[0]);
        Assert.IsInstanceOfType<BounceSignal>(signals[1]);
        Assert.IsInstanceOfType<PoissonPulseSignal>(signals[2]);
        Assert.IsInstanceOfType<ScriptedSignal>(signals[3]);
        Assert.IsTrue(signals[3].TryGetNext(out long first, out _));
        Assert.AreEqual(1_000_000, first);
        Assert.AreEqual(1, scenario.SensorCount);
    }

    [TestMethod]
    [DataRow("""{ "name": "x", "durationMs": 10, "pins": [ {"pin":1,"generator":"square","periodUs":5}, {"pin":2,"generator":"square","periodUs":5}, {"pin":3,"generator":"square","periodUs":0} ] }""", "pins[2].periodUs", "must be a number from 2 to 3600000000 µs; got 0.")]
    [DataRow("""{ "name": "x", "durationMs": 10, "pins": [ {"pin":1,"generator":"square","perodUs":5} ] }""", "pins[0].perodUs", "is not a property of a square generator, which takes: generator, pin, description, periodUs, dutyCycle, startMs, stopMs.")]
    [DataRow("""{ "name": "x", "durationMs": 10, "pins": [ {"pin":1,"generator":"sine","periodUs":5} ] }""", "pins[0].generator", "must be one of square, bounce, poisson; got \"sine\".")]
    [DataRow("""{ "name": "x", "durationMs": 10, "pins": [ {"pin":1,"generator":"square"} ] }""", "pins[0].periodUs", "is required but missing")]
    [DataRow("""{ "name": "x", "durationMs": 10, "pins": [ {"pin":1,"generator":"square","periodUs":5,"dutyCycle":1} ] }""", "pins[0].dutyCycle", "greater than 0 and less than 1")]
    [DataRow("""{ "name": "x", "durationMs": 10, "pins": [ {"pin":3,"generator":"square","periodUs":5}, {"pin":3,"generator":"square","periodUs":7} ] }""", "pins[1].pin", "pin 3 is already driven by pins[0]")]
    [DataRow("""{ "name": "x", "durationMs": 10, "events": [ {"atMs":1,"pin":2,"level":"high"}, {"atMs":1,"pin":28,"level":"high"} ] }""", "events[1].pin", "a whole number from 0 to 27; got 28")]
    [DataRow("""{ "name": "x", "durationMs": 10, "events": [ {"atMs":11,"pin":2,"level":"high"} ] }""", "events[0].atMs", "from 0 to 10 ms; got 11")]
    [DataRow("""{ "name": "x", "durationMs": 10, "events": [ {"atMs":1,"pin":2,"level":"up"} ] }""", "events[0].level", "must be one of open, low, high; got \"up\".")]
    [DataRow("""{ "name": "x", "durationMs": 10, "pins": [ {"pin":1,"generator":"square","periodUs":5} ], "events": [ {"atMs":1,"pin":1,"level":"high"} ] }""", "events[0].pin", "driven by the generator in pins[0]")]
    [DataRow("""{ "name": "x", "durationMs": 1000, "pins": [ {"pin":1,"generator":"bounce","pressesAtMs":[10, 20],"holdMs":50} ] }""", "pins[0].pressesAtMs[1]", "too close to the press before")]
    [DataRow("""{ "name": "x", "durationMs": 1000, "pins": [ {"pin":1,"generator":"bounce","pressesAtMs":[10],"bounceMinUs":100,"bounceMaxUs":50} ] }""", "pins[0].bounceMaxUs", "from 100 to 1000000 µs (at least bounceMinUs); got 50")]
    [DataRow("""{ "name": "x", "durationMs": 1000, "pins": [ {"pin":1,"generator":"poisson","ratePerSecond":1000,"pulseWidthUs":600} ] }""", "pins[0].pulseWidthUs", "less than half the mean interval (500 µs")]
    [DataRow("""{ "name": "x", "durationMs": 1000, "sensors": [ {"device":"bme280","address":"0x76","temperatureC":[{"atMs":0,"value":20},{"atMs":5,"value":-41}]} ] }""", "sensors[0].temperatureC[1].value", "from -40 to 85 °C; got -41")]
    [DataRow("""{ "name": "x", "durationMs": 1000, "sensors": [ {"device":"bme280","address":"0x76","pressureHpa":[{"atMs":5,"value":1000},{"atMs":5,"value":1001}]} ] }""", "sensors[0].pressureHpa[1].atMs", "must be later than the previous point's atMs (5 ms)")]
    [DataRow("""{ "name": "x", "durationMs": 1000, "sensors": [ {"device":"bme280","address":"0x40"} ] }""", "sensors[0].address", "a BME280 answers at 0x76")]
    [DataRow("""{ "name": "x", "durationMs": 1000, "sensors": [ {"device":"bme280","address":"0x76"}, {"device":"bme280","address":118} ] }""", "sensors[1].address", "already used by sensors[0]")]
    [DataRow("""{ "name": "x", "durationMs": 1000, "sensors": [ {"device":"bmp180","address":"0x76"} ] }""", "sensors[0].device", "must be one of bme280")]
    [DataRow("""{ "durationMs": 10 }""", "name", "is required but missing")]
    [DataRow("""{ "name": "x", "durationMs": 0 }""", "durationMs", "greater than 0")]
    [DataRow("""{ "name": "x", "durationMs": "10" }""", "durationMs", "must be a number; got \"10\".")]
    [DataRow("""{ "name": "x", "durationMs": 10, "board": { "pinCount": 2000 } }""", "board.pinCount", "from 1 to 1024; got 2000")]
    [DataRow("""{ "name": "x", "durationMs": 10, "seed": 1.5 }""", "seed", "a whole number")]
    [DataRow("""[ 1, 2 ]""", "(root)", "must be a JSON object")]
    [DataRow("""{ "name": "x", "name": "y", "durationMs": 10 }""", "name", "appears more than once")]
    public void Parse_BadEntry_MessageNamesFileEntryAndProblem(string json, string entry, string problem)
    {
        ConfigurationException ex = Assert.ThrowsExactly<ConfigurationException>(() => Scenario.Parse(json, Source));

        Assert.AreEqual(Source, ex.File);
        Assert.AreEqual(entry, ex.Entry);
        Assert.StartsWith(Source + ": " + entry + ": ", ex.Message);
        Assert.Contains(problem, ex.Message);
    }

    [TestMethod]
    public void Parse_InvalidJson_NamesFileAndLine()
    {
        ConfigurationException ex = Assert.ThrowsExactly<ConfigurationException>(() => Scenario.Parse("{\n  \"name\": \"x\",\n  \"durationMs\": 10,,\n}", Source));

        Assert.AreEqual("(json)", ex.Entry);
        Assert.Contains(Source, ex.Message);
        Assert.Contains("line 3", ex.Message);
        Assert.IsInstanceOfType<System.Text.Json.JsonException>(ex.InnerException);
    }

    [TestMethod]
    public void Load_BadFile_MessageNamesThePath()
    {
        string path = Path.Combine(Path.GetTempPath(), "edge-emulator-bad-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, "{ \"name\": \"x\", \"durationMs\": -1 }");
        try
        {
            ConfigurationException ex = Assert.ThrowsExactly<ConfigurationException>(() => Scenario.Load(path));

            Assert.AreEqual(path, ex.File);
            Assert.StartsWith(path + ": durationMs: ", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Load_MissingFile_NamesThePath()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-scenario.json");

        ConfigurationException ex = Assert.ThrowsExactly<ConfigurationException>(() => Scenario.Load(path));

        Assert.AreEqual(path + ": (file): does not exist.", ex.Message);
    }

    [TestMethod]
    public void Load_ShippedScenarios_LoadCompletely()
    {
        Scenario weather = Scenario.Load(Edge.Emulator.Tests.Stimulus.ScenarioReplayTests.WeatherStationPath);
        Scenario storm = Scenario.Load(Edge.Emulator.Tests.Stimulus.ScenarioReplayTests.StormPath);

        Assert.AreEqual("weather-station", weather.Name);
        Assert.AreEqual(4, weather.CreateSignals().Count);
        Assert.AreEqual(1, weather.SensorCount);
        Assert.AreEqual("BUTTON", weather.PinNames[5]);
        Assert.AreEqual("storm", storm.Name);
        Assert.AreEqual(1_000_000_000, storm.DurationNanoseconds);
    }

    [TestMethod]
    public void DeriveSeed_DifferentIndexes_DifferentSeeds()
    {
        Assert.AreNotEqual(ScenarioBinder.DeriveSeed(42, 0), ScenarioBinder.DeriveSeed(42, 1));
        Assert.AreEqual(ScenarioBinder.DeriveSeed(42, 1), ScenarioBinder.DeriveSeed(42, 1));
    }
}
