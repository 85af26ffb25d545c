using System.Device.I2c;
using Edge.Hosting;
using Edge.Emulator;
using Edge.Emulator.Sensors;
using Edge.Hardware.Sensors;
using Edge.Ipc;
using Iot.Device.Bmxx80;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Hardware.Tests;

[TestClass]
public sealed class Bme280SamplerTests
{
    [TestMethod]
    public void Poll_SimulatedBme280_PostsReadingsWithinPrecision()
    {
        // Steps: the real Bme280 binding over the emulator's simulated chip (23.4 °C, 98,765 Pa, 56.7 %), sampled every
        // 100 ms for 1 s of virtual time. Expected: 11 readings, stamped on the period, within the binding's precision.
        using EmulatedBoard board = EmulatedBoard.Create(null, virtualTime: true);
        var device = new SimulatedBme280(new I2cConnectionSettings(1, 0x76), board.Clock)
        {
            TemperatureCelsius = SensorTrack.Constant(23.4),
            PressurePascals = SensorTrack.Constant(98_765),
            HumidityPercent = SensorTrack.Constant(56.7),
        };
        board.AttachI2cDevice(device);
        var clock = new EmulatorClockAdapter(board.Clock);
        using IpcRuntime runtime = new IpcLayout().AddTask("reader").AddMailbox("weather", 32, 40).Build(clock);
        Mailbox mailbox = runtime.GetMailbox("weather");
        using var sampler = new Bme280Sampler(new Bme280(board.CreateI2cDevice(new I2cConnectionSettings(1, 0x76))), mailbox, 100_000_000);

        for (long t = 0; t <= 1_000_000_000; t += 10_000_000)
        {
            board.Run(t);
            sampler.Poll(t);
        }

        Assert.AreEqual(11L, sampler.Readings);
        EdgeTask reader = runtime.GetTask("reader");
        for (int i = 0; i < 11; i++)
        {
            Assert.AreEqual(IpcStatus.Ok, mailbox.Receive(reader, out Bme280Reading r, out MessageInfo info, 0));
            Assert.AreEqual(i * 100_000_000L, r.TimestampNanoseconds);
            Assert.AreEqual(r.TimestampNanoseconds, info.Timestamp);
            Assert.AreEqual(i + 1, r.Sequence);
            Assert.AreEqual(23.4, r.TemperatureCelsius, 0.01);
            Assert.AreEqual(98_765, r.PressurePascals, 2.0);
            Assert.AreEqual(56.7, r.HumidityPercent, 0.05);
        }
    }
}
