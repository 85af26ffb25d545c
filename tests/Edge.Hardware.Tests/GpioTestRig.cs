using System;
using System.Collections.Generic;
using System.Device.Gpio;
using Edge.Hosting;
using Edge.Emulator;
using Edge.Emulator.Gpio;
using Edge.Emulator.Stimulus;
using Edge.Hardware.Gpio;
using Edge.Ipc;

namespace Edge.Hardware.Tests;

/// <summary>An emulated board (virtual time), a real GpioController over it, a runtime with one mailbox and a GPIO source.</summary>
internal sealed class GpioTestRig : IDisposable
{
    public GpioTestRig(int capacity, params GpioPinOptions[] pins)
    {
        Board = EmulatedBoard.Create(null, virtualTime: true);
        Controller = new GpioController(Board.GpioDriver);
        Clock = new EmulatorClockAdapter(Board.Clock);
        Runtime = new IpcLayout().AddTask("reader").AddMailbox("events", capacity, 24).Build(Clock);
        Mailbox = Runtime.GetMailbox("events");
        Source = new GpioEventSource(Controller, Mailbox, Clock, pins);
        Source.Start();
    }

    public EmulatedBoard Board { get; }

    public GpioController Controller { get; }

    public IClock Clock { get; }

    public IpcRuntime Runtime { get; }

    public Mailbox Mailbox { get; }

    public GpioEventSource Source { get; }

    public static LevelChange[] Changes(params (double Ms, bool High)[] changes)
    {
        var list = new List<LevelChange>();
        foreach ((double ms, bool high) in changes)
        {
            list.Add(new LevelChange((long)(ms * 1_000_000), high ? DriveLevel.High : DriveLevel.Low));
        }

        return list.ToArray();
    }

    public List<GpioEvent> Drain()
    {
        var events = new List<GpioEvent>();
        EdgeTask reader = Runtime.GetTask("reader");
        while (Mailbox.Receive(reader, out GpioEvent e, out MessageInfo _, 0) == IpcStatus.Ok)
        {
            events.Add(e);
        }

        return events;
    }

    public void Dispose()
    {
        Source.Dispose();
        Runtime.Stop(1000);
        Controller.Dispose();
        Board.Dispose();
    }
}
