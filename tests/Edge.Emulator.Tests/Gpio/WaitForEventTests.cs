using System;
using System.Device.Gpio;
using System.Threading;
using System.Threading.Tasks;
using Edge.Emulator.Gpio;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Emulator.Tests.Gpio;

/// <summary><c>GpioController.WaitForEvent</c> over the emulated driver.</summary>
[TestClass]
public sealed class WaitForEventTests
{
    private const int Pin = 12;

    private EmulatedGpioDriver _driver = null!;
    private GpioController _gpio = null!;

    [TestInitialize]
    public void Initialize()
    {
        _driver = new EmulatedGpioDriver(new VirtualClock());
        _gpio = new GpioController(_driver);
        _gpio.OpenPin(Pin, PinMode.InputPullDown);
    }

    [TestCleanup]
    public void Cleanup()
    {
        _gpio.Dispose();
    }

    [TestMethod]
    public void WaitForEvent_RisingEdgeDriven_ReturnsRising()
    {
        // Steps: a thread waits for a rising edge; once it is registered, this thread drives the pin high.
        // Expected: the wait returns Rising, not timed out.
        WaitForEventResult result = default;
        var waiter = new Thread(() => result = _gpio.WaitForEvent(Pin, PinEventTypes.Rising, TestTimeouts.Generous));
        waiter.Start();
        Assert.IsTrue(SpinWait.SpinUntil(() => _driver.GetWaiterCount(Pin) == 1, TestTimeouts.Generous));

        _driver.SetInputLevel(Pin, PinValue.High);

        Assert.IsTrue(waiter.Join(TestTimeouts.Generous));
        Assert.IsFalse(result.TimedOut);
        Assert.AreEqual(PinEventTypes.Rising, result.EventTypes);
        Assert.IsTrue(_driver.CheckInvariants());
    }

    [TestMethod]
    public void WaitForEvent_FallingOnly_IgnoresRisingEdge()
    {
        // Steps: wait for falling; drive high (delivered, waiter still waiting), then low.
        // Expected: the wait returns Falling.
        _driver.SetInputLevel(Pin, PinValue.Low);
        WaitForEventResult result = default;
        var waiter = new Thread(() => result = _gpio.WaitForEvent(Pin, PinEventTypes.Falling, TestTimeouts.Generous));
        waiter.Start();
        Assert.IsTrue(SpinWait.SpinUntil(() => _driver.GetWaiterCount(Pin) == 1, TestTimeouts.Generous));

        _driver.SetInputLevel(Pin, PinValue.High);
        Assert.IsTrue(_driver.WaitForDeliveries(TestTimeouts.Generous));
        int stillWaiting = _driver.GetWaiterCount(Pin);
        _driver.SetInputLevel(Pin, PinValue.Low);

        Assert.IsTrue(waiter.Join(TestTimeouts.Generous));
        Assert.AreEqual(1, stillWaiting);
        Assert.IsFalse(result.TimedOut);
        Assert.AreEqual(PinEventTypes.Falling, result.EventTypes);
    }

    [TestMethod]
    public void WaitForEvent_Cancelled_ReturnsTimedOut()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        WaitForEventResult result = _gpio.WaitForEvent(Pin, PinEventTypes.Rising | PinEventTypes.Falling, cancellation.Token);

        Assert.IsTrue(result.TimedOut);
        Assert.AreEqual(PinEventTypes.None, result.EventTypes);
        Assert.AreEqual(0, _driver.GetWaiterCount(Pin));
        Assert.IsTrue(_driver.CheckInvariants());
    }

    [TestMethod]
    public void WaitForEvent_ShortTimeoutWithoutEdges_ReturnsTimedOut()
    {
        WaitForEventResult result = _gpio.WaitForEvent(Pin, PinEventTypes.Rising, TimeSpan.FromMilliseconds(20));

        Assert.IsTrue(result.TimedOut);
    }

    [TestMethod]
    public async Task WaitForEventAsync_RisingEdgeDriven_CompletesWithRising()
    {
        // Steps: start the async wait; once registered, drive the pin high. Expected: Rising.
        ValueTask<WaitForEventResult> pending = _gpio.WaitForEventAsync(Pin, PinEventTypes.Rising, TestTimeouts.Generous);
        Assert.IsTrue(SpinWait.SpinUntil(() => _driver.GetWaiterCount(Pin) == 1, TestTimeouts.Generous));

        _driver.SetInputLevel(Pin, PinValue.High);
        WaitForEventResult result = await pending;

        Assert.IsFalse(result.TimedOut);
        Assert.AreEqual(PinEventTypes.Rising, result.EventTypes);
    }

    [TestMethod]
    public void ClosePin_WhileWaiting_ReleasesWaiterAsTimedOut()
    {
        // Steps: a thread waits; the pin is closed. Expected: the wait ends as timed out, no waiter left.
        WaitForEventResult result = default;
        var waiter = new Thread(() => result = _gpio.WaitForEvent(Pin, PinEventTypes.Rising, TestTimeouts.Generous));
        waiter.Start();
        Assert.IsTrue(SpinWait.SpinUntil(() => _driver.GetWaiterCount(Pin) == 1, TestTimeouts.Generous));

        _gpio.ClosePin(Pin);

        Assert.IsTrue(waiter.Join(TestTimeouts.Generous));
        Assert.IsTrue(result.TimedOut);
        Assert.IsTrue(_driver.CheckInvariants());
    }
}
