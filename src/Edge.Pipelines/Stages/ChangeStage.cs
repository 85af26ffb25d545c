using System;
using Edge.Hardware.Sensors;
using Edge.Ipc;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Stages;

/// <summary><c>change</c>: emits a reading when its field moved at least <see cref="Delta"/> from the last one emitted (the first always passes).</summary>
internal sealed class ChangeStage : WeatherStage
{
    private bool _any;
    private double _last;

    /// <summary>Creates the stage.</summary>
    /// <param name="name">The task name.</param>
    /// <param name="entry">The file entry.</param>
    /// <param name="from">The input mailbox.</param>
    /// <param name="to">The output mailboxes.</param>
    /// <param name="field">The field watched.</param>
    /// <param name="delta">The smallest change reported, more than 0.</param>
    public ChangeStage(string name, string entry, string from, string[] to, WeatherField field, double delta)
        : base(name, entry, from, to)
    {
        Field = field;
        Delta = delta;
    }

    /// <summary>The field watched.</summary>
    public WeatherField Field { get; }

    /// <summary>The smallest change reported.</summary>
    public double Delta { get; }

    /// <inheritdoc />
    protected override void Handle(ReadOnlySpan<byte> message, in MessageInfo info)
    {
        Bme280Reading r = Read<Bme280Reading>(message);
        double v = Get(r, Field);
        if (!_any || Math.Abs(v - _last) >= Delta)
        {
            _any = true;
            _last = v;
            Forward(in r, info.Tag, info.Timestamp);
        }
    }
}
