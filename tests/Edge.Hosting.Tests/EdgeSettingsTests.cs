using System.IO;
using Edge.Configuration;
using Edge.Hosting.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Hosting.Tests;

/// <summary>The settings file bound and checked (the bad-file corpus in Edge.Cli.Tests covers its messages end to end).</summary>
[TestClass]
public sealed class EdgeSettingsTests
{
    [TestMethod]
    public void Parse_EveryEntry_IsReadAndRelativePathsAreFromItsFolder()
    {
        const string json = @"{
  // comments are allowed, as in every Edge file
  ""board"": ""emulator"",
  ""profile"": ""boards/mine.json"",
  ""pipeline"": ""../pipelines/p.json"",
  ""scenario"": ""/srv/scenario.json"",
  ""realTime"": true,
  ""duration"": ""infinite"",
  ""statsInterval"": ""1m"",
  ""metrics"": { ""prometheus"": ""[::1]:9464"", ""otlp"": ""http://localhost:4317"" },
}";

        EdgeSettings s = EdgeSettings.Parse(json, "/etc/edge/edge.json");

        Assert.AreEqual("emulator", s.Board);
        Assert.AreEqual("/etc/edge/boards/mine.json", s.ProfilePath);
        Assert.AreEqual("/etc/pipelines/p.json", s.PipelinePath);
        Assert.AreEqual("/srv/scenario.json", s.ScenarioPath);
        Assert.IsTrue(s.RealTime);
        Assert.AreEqual(RunRequest.Infinite, s.DurationNanoseconds);
        Assert.IsTrue(s.StatsIntervalGiven);
        Assert.AreEqual(60_000_000_000L, s.StatsIntervalNanoseconds);
        Assert.AreEqual("[::1]:9464", s.PrometheusEndpoint);
        Assert.AreEqual("http://localhost:4317", s.OtlpEndpoint);
    }

    [TestMethod]
    public void Parse_EmptyObject_LeavesEverythingToTheDefaults()
    {
        EdgeSettings s = EdgeSettings.Parse("{}", "edge.json");

        Assert.AreEqual("emulator", s.Board);
        Assert.IsNull(s.PipelinePath);
        Assert.IsNull(s.DurationNanoseconds);
        Assert.IsFalse(s.StatsIntervalGiven);
        Assert.IsNull(s.PrometheusEndpoint);
    }

    [TestMethod]
    public void Parse_StatsIntervalOff_IsGivenAsOff()
    {
        EdgeSettings s = EdgeSettings.Parse("{ \"statsInterval\": \"off\" }", "edge.json");

        Assert.IsTrue(s.StatsIntervalGiven);
        Assert.IsNull(s.StatsIntervalNanoseconds);
    }

    [TestMethod]
    public void Load_ShippedDefault_IsTheServicesSettings()
    {
        string file = Path.Combine(HardwareLocator.Find()!, "settings", "edge.json");

        EdgeSettings s = EdgeSettings.Load(file);

        Assert.AreEqual("rpi", s.Board);
        Assert.AreEqual("/opt/edge/hardware/pipelines/weather-station.json", s.PipelinePath);
        Assert.AreEqual(RunRequest.Infinite, s.DurationNanoseconds);
        Assert.AreEqual(60_000_000_000L, s.StatsIntervalNanoseconds);
    }

    [TestMethod]
    public void Parse_BoardWrongCase_NamesEntryAndChoices()
    {
        var ex = Assert.ThrowsExactly<ConfigurationException>(() => EdgeSettings.Parse("{ \"board\": \"RPI\" }", "edge.json"));

        Assert.AreEqual("edge.json: board: must be one of emulator, rpi, rpi4, rpi5; got \"RPI\".", ex.Message);
    }
}
