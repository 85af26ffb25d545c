using System;
using System.Collections.Generic;
using System.Device.Gpio;
using Edge.Emulator.Gpio;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Emulator.Tests.Gpio;

/// <summary>The emulated driver through the real <see cref="GpioController"/>: modes, pulls, reads, writes, errors.</summary>
[TestClass]
public sealed class GpioControllerTests
{
    private const int Pin = 17;

    private EmulatedGpioDriver _driver = null!;
    private GpioController _gpio = null!;

    [TestInitialize]
    public void Initialize()
    {
        _driver = new EmulatedGpioDriver(new VirtualClock(), pinNames: new Dictionary<int, string> { [Pin] = "BUTTON" });
        _gpio = new GpioController(_driver);
    }

    [TestCleanup]
    public void Cleanup()
    {
        _gpio.Dispose();
    }

    [TestMethod]
    public void PinCount_DefaultDriver_Is28()
    {
        Assert.AreEqual(28, _gpio.PinCount);
    }

    [TestMethod]
    public void PinCount_ConfiguredDriver_IsConfiguredCount()
    {
        using var gpio = new GpioController(new EmulatedGpioDriver(new VirtualClock(), pinCount: 54));

        Assert.AreEqual(54, gpio.PinCount);
    }

    [TestMethod]
    [DataRow(28)]
    [DataRow(-1)]
    [DataRow(1000)]
    public void OpenPin_PinOutsideChip_ThrowsNamingPinAndValidRange(int pin)
    {
        ArgumentOutOfRangeException ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => _gpio.OpenPin(pin));

        Assert.Contains("Pin " + pin + " does not exist", ex.Message);
        Assert.Contains("valid pins are 0 to 27", ex.Message);
    }

    [TestMethod]
    [DataRow(PinMode.Input)]
    [DataRow(PinMode.InputPullUp)]
    [DataRow(PinMode.InputPullDown)]
    [DataRow(PinMode.Output)]
    public void SetPinMode_SupportedMode_GetPinModeReturnsIt(PinMode mode)
    {
        _gpio.OpenPin(Pin);

        _gpio.SetPinMode(Pin, mode);

        Assert.IsTrue(_gpio.IsPinModeSupported(Pin, mode));
        Assert.AreEqual(mode, _gpio.GetPinMode(Pin));
        Assert.IsTrue(_driver.CheckInvariants());
    }

    [TestMethod]
    public void OpenPin_NewPin_IsFloatingInputReadingLow()
    {
        _gpio.OpenPin(Pin);

        Assert.AreEqual(PinMode.Input, _gpio.GetPinMode(Pin));
        Assert.AreEqual(PinValue.Low, _gpio.Read(Pin));
    }

    [TestMethod]
    [DataRow(PinMode.InputPullUp, 1)]
    [DataRow(PinMode.InputPullDown, 0)]
    [DataRow(PinMode.Input, 0)]
    public void Read_UndrivenInput_ReadsPullLevel(PinMode mode, int expected)
    {
        _gpio.OpenPin(Pin, mode);

        Assert.AreEqual((PinValue)expected, _gpio.Read(Pin));
    }

    [TestMethod]
    public void Read_DrivenInput_ReadsDrivenLevelUntilReleased()
    {
        _gpio.OpenPin(Pin, PinMode.InputPullUp);

        _driver.SetInputLevel(Pin, PinValue.Low);
        PinValue driven = _gpio.Read(Pin);
        _driver.ReleaseInput(Pin);

        Assert.AreEqual(PinValue.Low, driven);
        Assert.AreEqual(PinValue.High, _gpio.Read(Pin));
    }

    [TestMethod]
    public void Write_OutputPin_ReadsBackAndShowsOnThePin()
    {
        _gpio.OpenPin(Pin, PinMode.Output);

        _gpio.Write(Pin, PinValue.High);

        Assert.AreEqual(PinValue.High, _gpio.Read(Pin));
        Assert.AreEqual(PinValue.High, _driver.GetLevel(Pin));
        _gpio.Write(Pin, PinValue.Low);
        Assert.AreEqual(PinValue.Low, _driver.GetLevel(Pin));
    }

    [TestMethod]
    public void OpenPin_OutputWithInitialHigh_StartsHigh()
    {
        _gpio.OpenPin(Pin, PinMode.Output, PinValue.High);

        Assert.AreEqual(PinValue.High, _driver.GetLevel(Pin));
    }

    [TestMethod]
    public void Toggle_OutputPin_InvertsLevel()
    {
        _gpio.OpenPin(Pin, PinMode.Output, PinValue.Low);

        _gpio.Toggle(Pin);

        Assert.AreEqual(PinValue.High, _gpio.Read(Pin));
    }

    [TestMethod]
    public void Toggle_InputPin_ThrowsNamingPinAndMode()
    {
        _gpio.OpenPin(Pin, PinMode.InputPullUp);

        InvalidOperationException ex = Assert.ThrowsExactly<InvalidOperationException>(() => _gpio.Toggle(Pin));

        Assert.Contains("pin 17 (BUTTON)", ex.Message);
        Assert.Contains("mode InputPullUp", ex.Message);
    }

    [TestMethod]
    public void SetInputLevel_OnOutputPin_OutputWinsUntilPinBecomesInput()
    {
        _gpio.OpenPin(Pin, PinMode.Output, PinValue.Low);

        _driver.SetInputLevel(Pin, PinValue.High);
        PinValue whileOutput = _gpio.Read(Pin);
        _gpio.SetPinMode(Pin, PinMode.Input);

        Assert.AreEqual(PinValue.Low, whileOutput);
        Assert.AreEqual(PinValue.High, _gpio.Read(Pin));
    }

    [TestMethod]
    public void RegisterCallback_OutputPin_ThrowsNamingPinAndMode()
    {
        _gpio.OpenPin(Pin, PinMode.Output);

        InvalidOperationException ex = Assert.ThrowsExactly<InvalidOperationException>(
            () => _gpio.RegisterCallbackForPinValueChangedEvent(Pin, PinEventTypes.Rising, (s, e) => { }));

        Assert.Contains("pin 17 (BUTTON)", ex.Message);
        Assert.Contains("mode Output", ex.Message);
    }

    [TestMethod]
    public void RegisterCallback_NoEventTypes_ThrowsArgumentException()
    {
        _gpio.OpenPin(Pin, PinMode.Input);

        ArgumentException ex = Assert.ThrowsExactly<ArgumentException>(
            () => _gpio.RegisterCallbackForPinValueChangedEvent(Pin, PinEventTypes.None, (s, e) => { }));

        Assert.Contains("Rising, Falling or both", ex.Message);
    }

    [TestMethod]
    public void UnregisterCallback_NotRegistered_ThrowsNamingPin()
    {
        _gpio.OpenPin(Pin, PinMode.Input);

        InvalidOperationException ex = Assert.ThrowsExactly<InvalidOperationException>(
            () => _gpio.UnregisterCallbackForPinValueChangedEvent(Pin, (s, e) => { }));

        Assert.Contains("pin 17 (BUTTON)", ex.Message);
    }

    [TestMethod]
    public void WaitForEvent_OutputPin_ThrowsNamingPinAndMode()
    {
        _gpio.OpenPin(Pin, PinMode.Output);

        InvalidOperationException ex = Assert.ThrowsExactly<InvalidOperationException>(
            () => _gpio.WaitForEvent(Pin, PinEventTypes.Rising, TimeSpan.FromSeconds(1)));

        Assert.Contains("mode Output", ex.Message);
    }

    [TestMethod]
    public void SetInputLevel_PinOutsideChip_ThrowsNamingPinAndValidRange()
    {
        ArgumentOutOfRangeException ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => _driver.SetInputLevel(40, PinValue.High));

        Assert.Contains("Pin 40 does not exist", ex.Message);
        Assert.Contains("0 to 27", ex.Message);
    }

    [TestMethod]
    public void SetInputLevel_ClosedPin_ChangesTheLevelTheAppWillSee()
    {
        _driver.SetInputLevel(Pin, PinValue.High);

        _gpio.OpenPin(Pin, PinMode.Input);

        Assert.AreEqual(PinValue.High, _gpio.Read(Pin));
    }

    [TestMethod]
    public void GetPinName_NamedAndUnnamedPins_ReturnsNameOrGpioNumber()
    {
        Assert.AreEqual("BUTTON", _driver.GetPinName(Pin));
        Assert.AreEqual("GPIO4", _driver.GetPinName(4));
    }

    [TestMethod]
    public void Constructor_NameForMissingPin_ThrowsNamingPin()
    {
        ArgumentOutOfRangeException ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => new EmulatedGpioDriver(new VirtualClock(), 8, new Dictionary<int, string> { [9] = "LED" }));

        Assert.Contains("pin 9", ex.Message);
        Assert.Contains("0 to 7", ex.Message);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(1025)]
    public void Constructor_PinCountOutOfRange_ThrowsNamingLimit(int pinCount)
    {
        ArgumentOutOfRangeException ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => new EmulatedGpioDriver(new VirtualClock(), pinCount));

        Assert.Contains("1 to 1024", ex.Message);
        Assert.Contains(pinCount.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
    }

    [TestMethod]
    public void GetChipInfo_Always_ReportsPinCount()
    {
        Assert.AreEqual(28, _driver.GetChipInfo().NumLines);
    }

    [TestMethod]
    public void Dispose_Controller_DisposesDriver()
    {
        _gpio.OpenPin(Pin, PinMode.Input);

        _gpio.Dispose();

        Assert.ThrowsExactly<ObjectDisposedException>(() => _driver.SetInputLevel(Pin, PinValue.High));
    }
}
