using System;
using Edge.Hardware.Sensors;
using Edge.Ipc;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Stages;

/// <summary><c>filter</c>: passes readings whose field is within [min, max]; drops the rest (and NaN).</summary>
internal sealed class RangeFilterStage : WeatherStage
{
    /// <summary>Creates the stage.</summary>
    /// <param name="name">The task name.</param>
    /// <param name="entry">The file entry.</param>
    /// <param name="from">The input mailbox.</param>
    /// <param name="to">The output mailboxes.</param>
    /// <param name="field">The field tested.</param>
    /// <param name="min">The lowest value passed.</param>
    /// <param name="max">The highest value passed.</param>
    public RangeFilterStage(string name, string entry, string from, string[] to, WeatherField field, double min, double max)
        : base(name, entry, from, to)
    {
        Field = field;
        Min = min;
        Max = max;
    }

    /// <summary>The field tested.</summary>
    public WeatherField Field { get; }

    /// <summary>Lowest value passed.</summary>
    public double Min { get; }

    /// <summary>Highest value passed.</summary>
    public double Max { get; }

    /// <summary>Readings rejected.</summary>
    public long Rejected { get; private set; }

    /// <inheritdoc />
    protected override void Handle(ReadOnlySpan<byte> message, in MessageInfo info)
    {
        Bme280Reading r = Read<Bme280Reading>(message);
        double v = Get(r, Field);
        if (v >= Min && v <= Max)
        {
            Forward(in r, info.Tag, info.Timestamp);
        }
        else
        {
            Rejected++;
        }
    }
}
