using System;
using System.Device.I2c;
using System.IO;
using Edge.Emulator.I2c;
using Edge.Emulator.Sensors;
using Iot.Device.Bmxx80;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Emulator.Tests.I2c;

/// <summary>Bus semantics: addresses, missing devices, handles and their disposal.</summary>
[TestClass]
public sealed class SimulatedI2cBusTests
{
    [TestMethod]
    public void Transfer_NoDeviceAtAddress_ThrowsIOExceptionNamingBusAndAddress()
    {
        using EmulatedBoard board = EmulatedBoard.Create();
        board.AttachI2cDevice(new SimulatedBme280(new I2cConnectionSettings(1, 0x76), board.Clock));
        using I2cDevice device = board.CreateI2cDevice(new I2cConnectionSettings(1, 0x77));

        IOException ex = Assert.ThrowsExactly<IOException>(() => device.ReadByte());

        Assert.Contains("address 0x77", ex.Message);
        Assert.Contains("bus 1", ex.Message);
        Assert.Contains("devices present: 0x76", ex.Message);
    }

    [TestMethod]
    public void Bme280Constructor_WrongAddress_FailsAsOnRealHardware()
    {
        using EmulatedBoard board = EmulatedBoard.Create();
        board.AttachI2cDevice(new SimulatedBme280(new I2cConnectionSettings(1, 0x76), board.Clock));

        Assert.ThrowsExactly<IOException>(() => new Bme280(board.CreateI2cDevice(new I2cConnectionSettings(1, 0x77))));
    }

    [TestMethod]
    public void CreateDevice_AddressAlreadyOpen_ThrowsNamingAddress()
    {
        var bus = new SimulatedI2cBus(1);
        using I2cDevice first = bus.CreateDevice(0x76);

        ArgumentException ex = Assert.ThrowsExactly<ArgumentException>(() => bus.CreateDevice(0x76));

        Assert.Contains("0x76", ex.Message);
        Assert.Contains("already open", ex.Message);
    }

    [TestMethod]
    public void DisposeBinding_ThenOpenAgain_DeviceStaysOnTheBus()
    {
        using EmulatedBoard board = EmulatedBoard.Create();
        board.AttachI2cDevice(new SimulatedBme280(new I2cConnectionSettings(1, 0x76), board.Clock));
        var settings = new I2cConnectionSettings(1, 0x76);
        new Bme280(board.CreateI2cDevice(settings)).Dispose();

        using var again = new Bme280(board.CreateI2cDevice(settings));

        Assert.IsTrue(again.TryReadTemperature(out _));
    }

    [TestMethod]
    [DataRow(-1)]
    [DataRow(0x80)]
    public void CreateDevice_AddressNotSevenBit_ThrowsNamingRange(int address)
    {
        var bus = new SimulatedI2cBus(1);

        ArgumentOutOfRangeException ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => bus.CreateDevice(address));

        Assert.Contains("0x00 to 0x7F", ex.Message);
    }

    [TestMethod]
    public void Attach_SecondDeviceAtAddress_ThrowsNamingAddress()
    {
        var clock = new VirtualClock();
        var bus = new SimulatedI2cBus(1);
        bus.Attach(new SimulatedBme280(new I2cConnectionSettings(1, 0x76), clock));

        ArgumentException ex = Assert.ThrowsExactly<ArgumentException>(
            () => bus.Attach(new SimulatedBme280(new I2cConnectionSettings(1, 0x76), clock)));

        Assert.Contains("0x76", ex.Message);
    }

    [TestMethod]
    public void Attach_DeviceForOtherBus_Throws()
    {
        var bus = new SimulatedI2cBus(1);

        ArgumentException ex = Assert.ThrowsExactly<ArgumentException>(
            () => bus.Attach(new SimulatedBme280(new I2cConnectionSettings(3, 0x76), new VirtualClock())));

        Assert.Contains("bus 3", ex.Message);
    }

    [TestMethod]
    public void Read_EmptyBuffer_ThrowsArgumentException()
    {
        var device = new SimulatedBme280(new I2cConnectionSettings(1, 0x76), new VirtualClock());

        Assert.ThrowsExactly<ArgumentException>(() => device.Read(Span<byte>.Empty));
    }

    [TestMethod]
    public void WriteRead_ChipIdRegister_Returns0x60()
    {
        using EmulatedBoard board = EmulatedBoard.Create();
        board.AttachI2cDevice(new SimulatedBme280(new I2cConnectionSettings(1, 0x76), board.Clock));
        using I2cDevice device = board.CreateI2cDevice(new I2cConnectionSettings(1, 0x76));
        Span<byte> id = stackalloc byte[1];

        device.WriteRead(new byte[] { 0xD0 }, id);

        Assert.AreEqual((byte)0x60, id[0]);
        Assert.AreEqual(1, board.I2cDevices.Count);
    }
}
