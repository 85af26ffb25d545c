using System;
using System.Device.Gpio;
using System.IO;
using System.Runtime.InteropServices;
using Edge.Configuration;
using Edge.Emulator;
using Edge.Emulator.Scenarios;
using Edge.Hardware.Boards;
using Edge.Hardware.Sensors;
using Edge.Hosting;
using Edge.Ipc;
using Edge.Ipc.Process;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Pipelines.Tests;

/// <summary>A pipeline's shared mailbox is a real segment: another attacher's message reaches the sink and the tap.</summary>
[TestClass]
public sealed class SharedMailboxPipelineTests
{
    [TestMethod]
    public void SharedMailbox_MessageSentIntoSegment_ReachesTheSinkAndItsCopyTheTap()
    {
        // Steps: a real-time pipeline whose console sink reads a shared mailbox; the test attaches to the segment as
        // another process would, sends one weather reading, and takes the copy from the tap.
        // Expected: the tap's copy is the reading; the sink prints it; after stop both files are gone.
        string name = "edge-test-" + Guid.NewGuid().ToString("N").Substring(0, 12);
        string json = "{ \"name\": \"p\", \"mailboxes\": [ { \"name\": \"" + name + "\", \"capacity\": 8, \"shared\": true } ],"
            + " \"sources\": [ { \"type\": \"bme280\", \"to\": \"" + name + "\" } ],"
            + " \"sinks\": [ { \"type\": \"console\", \"name\": \"console\", \"from\": \"" + name + "\" } ] }";
        string hardware = HardwareLocator.Find()!;
        Scenario scenario = Scenario.Load(Path.Combine(hardware, "scenarios", "weather-station.json"));
        BoardProfile profile = BoardProfile.Load(Path.Combine(hardware, "boards", "emulator.json"));
        using EmulatedBoard board = EmulatedBoard.Create(scenario, virtualTime: false);
        using var gpio = new GpioController(board.GpioDriver);
        var output = new SinkOutput(new StringWriter(), keepTranscript: true);
        using Pipeline pipeline = Pipeline.Parse(json, "test.json", new PipelineHardware(gpio, board.CreateI2cDevice, new EmulatorClockAdapter(board.Clock), profile), output);
        pipeline.Start();
        var reading = new Bme280Reading { TemperatureCelsius = 66.5, PressurePascals = 100_000, HumidityPercent = 20 };
        byte[] payload = MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref reading, 1)).ToArray();
        using (SharedMailbox segment = SharedMailbox.Open(name))
        using (SharedMailbox tap = SharedMailbox.Open(name + ".tap"))
        {
            Assert.AreEqual(IpcStatus.Ok, segment.Send(7, payload, Bme280Reading.Tag, 10_000));
            byte[] copy = new byte[tap.SlotSize];
            Assert.AreEqual(IpcStatus.Ok, tap.Receive(copy, out SharedMessageInfo info, 10_000));
            Assert.AreEqual(Bme280Reading.Tag, info.Tag);
            CollectionAssert.AreEqual(payload, copy.AsSpan(0, info.Length).ToArray());
        }

        Assert.IsTrue(pipeline.WaitIdle(TimeSpan.FromSeconds(10)));
        Assert.AreEqual(0, pipeline.Stop().Count);
        output.Flush();
        StringAssert.Contains(string.Join("\n", output.GetTranscript()), "T=66.50");
        Assert.IsFalse(File.Exists("/dev/shm/edge." + name));
        Assert.IsFalse(File.Exists("/dev/shm/edge." + name + ".tap"));
    }

    [TestMethod]
    public void Parse_SharedMailboxOnVirtualTime_IsRefusedAskingForRealTime()
    {
        string json = "{ \"name\": \"p\", \"mailboxes\": [ { \"name\": \"m\", \"capacity\": 8, \"shared\": true } ],"
            + " \"sources\": [ { \"type\": \"bme280\", \"to\": \"m\" } ], \"sinks\": [ { \"type\": \"console\", \"from\": \"m\" } ] }";
        string hardware = HardwareLocator.Find()!;
        Scenario scenario = Scenario.Load(Path.Combine(hardware, "scenarios", "weather-station.json"));
        BoardProfile profile = BoardProfile.Load(Path.Combine(hardware, "boards", "emulator.json"));
        using EmulatedBoard board = EmulatedBoard.Create(scenario, virtualTime: true);
        using var gpio = new GpioController(board.GpioDriver);
        var hw = new PipelineHardware(gpio, board.CreateI2cDevice, new EmulatorClockAdapter(board.Clock), profile) { Deterministic = true };

        var ex = Assert.ThrowsExactly<ConfigurationException>(() => Pipeline.Parse(json, "test.json", hw, new SinkOutput(new StringWriter())));

        StringAssert.Contains(ex.Message, "test.json: mailboxes[0].shared: needs real time");
        StringAssert.Contains(ex.Message, "add --real-time");
        Assert.IsFalse(File.Exists("/dev/shm/edge.m"), "nothing was created");
    }
}
