using System;
using Edge.Hardware.Gpio;
using Edge.Ipc;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Stages;

/// <summary>
/// <c>button</c>: turns debounced GPIO edges of one button into press, release and click messages (and idle, from
/// the pin's watchdog). Active-low by default (button to ground, pull-up). A release within
/// <see cref="ClickNanoseconds"/> of its press also yields a click.
/// </summary>
/// <remarks>
/// Why not <c>Iot.Device.Button.GpioButton</c>: it debounces and times clicks with the wall clock
/// (<c>DateTime.UtcNow</c>) inside the driver callback and raises .NET events that allocate; under the emulator's
/// virtual clock that would be neither deterministic nor allocation-free. This stage gets the same semantics from
/// the <see cref="GpioEventSource"/>'s debounced, clock-stamped edges.
/// </remarks>
internal sealed class ButtonStage : PipelineNode
{
    private long _pressedAt = -1;

    /// <summary>Creates the stage.</summary>
    /// <param name="name">The task name.</param>
    /// <param name="entry">The file entry.</param>
    /// <param name="from">The input mailbox (GPIO events).</param>
    /// <param name="to">The output mailboxes.</param>
    /// <param name="activeLow">True when pressed reads low.</param>
    /// <param name="clickNanoseconds">The longest press that counts as a click.</param>
    public ButtonStage(string name, string entry, string from, string[] to, bool activeLow, long clickNanoseconds)
        : base(name, entry, from, to)
    {
        ActiveLow = activeLow;
        ClickNanoseconds = clickNanoseconds;
    }

    /// <summary>True when pressed reads low.</summary>
    public bool ActiveLow { get; }

    /// <summary>The longest press that counts as a click.</summary>
    public long ClickNanoseconds { get; }

    /// <inheritdoc />
    public override bool Accepts(MessageKind kind) => kind == MessageKind.Gpio;

    /// <inheritdoc />
    public override MessageKind? OutputKind(MessageKind input) => MessageKind.Button;

    /// <inheritdoc />
    protected override void Handle(ReadOnlySpan<byte> message, in MessageInfo info)
    {
        GpioEvent e = Read<GpioEvent>(message);
        var b = new ButtonEvent { TimestampNanoseconds = e.TimestampNanoseconds, Pin = e.Pin };
        if (e.Kind == GpioEventKind.Timeout)
        {
            b.Kind = ButtonEventKind.Idle;
            Forward(in b, ButtonEvent.Tag, info.Timestamp);
            return;
        }

        bool pressed = (e.Level == 0) == ActiveLow;
        if (pressed)
        {
            _pressedAt = e.TimestampNanoseconds;
            b.Kind = ButtonEventKind.Press;
            Forward(in b, ButtonEvent.Tag, info.Timestamp);
            return;
        }

        b.Kind = ButtonEventKind.Release;
        b.HeldNanoseconds = _pressedAt < 0 ? 0 : e.TimestampNanoseconds - _pressedAt;
        Forward(in b, ButtonEvent.Tag, info.Timestamp);
        if (_pressedAt >= 0 && b.HeldNanoseconds <= ClickNanoseconds)
        {
            b.Kind = ButtonEventKind.Click;
            Forward(in b, ButtonEvent.Tag, info.Timestamp);
        }

        _pressedAt = -1;
    }
}
