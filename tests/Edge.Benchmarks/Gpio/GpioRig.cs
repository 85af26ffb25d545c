using System;
using System.Device.Gpio;
using System.Runtime.CompilerServices;
using Edge.Emulator;
using Edge.Emulator.Gpio;
using Edge.Hardware.Gpio;
using Edge.Ipc;

namespace Edge.Benchmarks.Gpio;

/// <summary>
/// The GPIO pipeline under test, on the emulated board in real time: the stimulus side drives one input pin with
/// <see cref="EmulatedGpioDriver.SetInputLevel"/>; the driver thread delivers each edge to a System.Device.Gpio
/// <see cref="GpioController"/> callback registered by a <see cref="GpioEventSource"/> (both edges, no debounce), which
/// posts a <see cref="GpioEvent"/> into an Edge mailbox that a consumer receives from. Source and runtime stamp with
/// <see cref="SystemClock"/>, so every timestamp is real time on the Stopwatch time base.
/// </summary>
internal sealed class GpioRig : IDisposable
{
    public const int Pin = 17;

    private readonly EmulatedBoard _board;
    private readonly GpioController _controller;
    private readonly IpcRuntime _runtime;
    private bool _high;

    public GpioRig(int capacity)
    {
        _board = EmulatedBoard.Create(null, virtualTime: false);
        _controller = new GpioController(_board.GpioDriver);
        _runtime = new IpcLayout()
            .AddTask("consumer")
            .AddTask("stimulus")
            .AddMailbox("edges", capacity, Unsafe.SizeOf<GpioEvent>())
            .Build(SystemClock.Instance);
        Consumer = _runtime.GetTask("consumer");
        Stimulus = _runtime.GetTask("stimulus");
        Mailbox = _runtime.GetMailbox("edges");
        Source = new GpioEventSource(_controller, Mailbox, SystemClock.Instance, new[] { new GpioPinOptions(Pin, GpioEdges.Both) });
        Source.Start();
        _high = Driver.GetLevel(Pin) == PinValue.High;
    }

    public EmulatedGpioDriver Driver => _board.GpioDriver;

    /// <summary>The task that receives the events.</summary>
    public EdgeTask Consumer { get; }

    /// <summary>The task the stimulus side sends control messages as.</summary>
    public EdgeTask Stimulus { get; }

    public Mailbox Mailbox { get; }

    public GpioEventSource Source { get; }

    /// <summary>Drives the pin to the other level: one edge. Stimulus thread only.</summary>
    public void Toggle()
    {
        _high = !_high;
        Driver.SetInputLevel(Pin, _high ? PinValue.High : PinValue.Low);
    }

    public void Dispose()
    {
        Source.Dispose();
        _runtime.Dispose();
        _controller.Dispose();
        _board.Dispose();
    }
}
