using System;
using Edge.Cli.Demo;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

[TestClass]
public sealed class DemoSettingsTests
{
    [TestMethod]
    public void Constructor_NoArguments_UsesDocumentedDefaults()
    {
        var settings = new DemoSettings();

        Assert.AreEqual(20, settings.Messages);
        Assert.AreEqual(2, settings.Producers);
        Assert.AreEqual(4, settings.Capacity);
        Assert.AreEqual(0, settings.ConsumerDelayMs);
        Assert.AreEqual(40, settings.TotalMessages);
    }

    [TestMethod]
    public void Constructor_EveryLimit_Accepted()
    {
        var smallest = new DemoSettings(DemoSettings.MinMessages, DemoSettings.MinProducers, DemoSettings.MinCapacity, DemoSettings.MinConsumerDelayMs);
        var largest = new DemoSettings(DemoSettings.MaxMessages, DemoSettings.MaxProducers, DemoSettings.MaxCapacity, DemoSettings.MaxConsumerDelayMs);

        Assert.AreEqual(DemoSettings.MinCapacity, smallest.Capacity);
        Assert.AreEqual(DemoSettings.MaxMessages * DemoSettings.MaxProducers, largest.TotalMessages);
    }

    [TestMethod]
    [DataRow(0, 2, 4, 0, "messages", "--messages: must be a whole number from 1 to 1000000; got '0'.")]
    [DataRow(20, 0, 4, 0, "producers", "--producers: must be a whole number from 1 to 1023; got '0'.")]
    [DataRow(20, 2, -1, 0, "capacity", "--capacity: must be a whole number from 0 to 1048576; got '-1'.")]
    [DataRow(20, 2, 4, 10001, "consumerDelayMs", "--consumer-delay-ms: must be a whole number from 0 to 10000; got '10001'.")]
    public void Constructor_ValueOutOfRange_ThrowsNamingValueAndLimits(
        int messages, int producers, int capacity, int delayMs, string expectedParam, string expectedMessage)
    {
        ArgumentOutOfRangeException e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => new DemoSettings(messages, producers, capacity, delayMs));

        Assert.AreEqual(expectedParam, e.ParamName);
        Assert.Contains(expectedMessage, e.Message);
    }
}
