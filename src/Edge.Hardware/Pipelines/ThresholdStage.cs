using System;
using Edge.Hardware.Sensors;
using Edge.Ipc;

namespace Edge.Hardware.Pipelines;

/// <summary>
/// <c>threshold</c>: emits a reading only when its field crosses <see cref="Above"/> upwards, or falls back below
/// <see cref="Above"/> minus <see cref="Hysteresis"/>: one message per crossing, not one per reading.
/// </summary>
public sealed class ThresholdStage : WeatherStage
{
    private bool _high;

    /// <summary>Creates the stage.</summary>
    /// <param name="name">The task name.</param>
    /// <param name="entry">The file entry.</param>
    /// <param name="from">The input mailbox.</param>
    /// <param name="to">The output mailboxes.</param>
    /// <param name="field">The field watched.</param>
    /// <param name="above">The alarm level.</param>
    /// <param name="hysteresis">How far below the level the field must fall to clear the alarm, 0 or more.</param>
    public ThresholdStage(string name, string entry, string from, string[] to, WeatherField field, double above, double hysteresis)
        : base(name, entry, from, to)
    {
        Field = field;
        Above = above;
        Hysteresis = hysteresis;
    }

    /// <summary>The field watched.</summary>
    public WeatherField Field { get; }

    /// <summary>The alarm level.</summary>
    public double Above { get; }

    /// <summary>The clearing margin.</summary>
    public double Hysteresis { get; }

    /// <inheritdoc />
    protected override void Handle(ReadOnlySpan<byte> message, in MessageInfo info)
    {
        Bme280Reading r = Read<Bme280Reading>(message);
        double v = Get(r, Field);
        if (!_high && v > Above)
        {
            _high = true;
            Forward(in r, info.Tag, info.Timestamp);
        }
        else if (_high && v < Above - Hysteresis)
        {
            _high = false;
            Forward(in r, info.Tag, info.Timestamp);
        }
    }
}
