using System;
using Edge.Hardware.Sensors;
using Edge.Ipc;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Stages;

/// <summary>
/// <c>threshold</c>: watches one field of each reading against an upper level (<see cref="Above"/>), a lower level
/// (<see cref="Below"/>) or both, and emits one <see cref="AlertEvent"/> when an alarm is raised and one when it
/// clears: not one per reading. An alarm raised above clears once the field falls below <c>Above - Hysteresis</c>;
/// one raised below clears once it rises above <c>Below + Hysteresis</c>; so a value hovering at a level does not chatter.
/// </summary>
internal sealed class ThresholdStage : PipelineNode
{
    private AlertDirection? _raised;

    /// <summary>Creates the stage; at least one of <paramref name="above"/> and <paramref name="below"/> is given.</summary>
    /// <param name="name">The task name.</param>
    /// <param name="entry">The file entry.</param>
    /// <param name="from">The input mailbox.</param>
    /// <param name="to">The output mailboxes.</param>
    /// <param name="field">The field watched.</param>
    /// <param name="above">The upper level, or null.</param>
    /// <param name="below">The lower level, or null.</param>
    /// <param name="hysteresis">How far back inside the band the field must come to clear an alarm, 0 or more.</param>
    public ThresholdStage(string name, string entry, string from, string[] to, WeatherField field, double? above, double? below, double hysteresis)
        : base(name, entry, from, to)
    {
        Field = field;
        Above = above;
        Below = below;
        Hysteresis = hysteresis;
    }

    /// <summary>The field watched.</summary>
    public WeatherField Field { get; }

    /// <summary>The upper level, or null.</summary>
    public double? Above { get; }

    /// <summary>The lower level, or null.</summary>
    public double? Below { get; }

    /// <summary>The clearing margin.</summary>
    public double Hysteresis { get; }

    /// <inheritdoc />
    public override bool Accepts(MessageKind kind) => kind == MessageKind.Weather;

    /// <inheritdoc />
    public override MessageKind? OutputKind(MessageKind input) => MessageKind.Alert;

    /// <inheritdoc />
    protected override void Handle(ReadOnlySpan<byte> message, in MessageInfo info)
    {
        Bme280Reading r = MessageCodecOf<Bme280Reading>.Read(message);
        double v = Get(r, Field);
        if (_raised == AlertDirection.Above && v < Above!.Value - Hysteresis)
        {
            Emit(AlertDirection.Above, raised: false, v, Above.Value - Hysteresis, info.Timestamp);
        }
        else if (_raised == AlertDirection.Below && v > Below!.Value + Hysteresis)
        {
            Emit(AlertDirection.Below, raised: false, v, Below.Value + Hysteresis, info.Timestamp);
        }

        if (_raised == null)
        {
            if (Above is double high && v > high)
            {
                Emit(AlertDirection.Above, raised: true, v, high, info.Timestamp);
            }
            else if (Below is double low && v < low)
            {
                Emit(AlertDirection.Below, raised: true, v, low, info.Timestamp);
            }
        }
    }

    private void Emit(AlertDirection direction, bool raised, double value, double level, long timestamp)
    {
        _raised = raised ? direction : null;
        var alert = new AlertEvent
        {
            TimestampNanoseconds = timestamp,
            Value = value,
            Level = level,
            Field = Field,
            Direction = direction,
            Raised = raised,
        };
        Forward(in alert, AlertEvent.Tag, timestamp);
    }
}
