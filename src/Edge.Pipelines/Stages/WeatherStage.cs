using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Stages;

/// <summary>A stage that takes and emits <see cref="Edge.Hardware.Sensors.Bme280Reading"/> messages.</summary>
internal abstract class WeatherStage : PipelineNode
{
    /// <summary>Creates the stage.</summary>
    /// <param name="name">The task name.</param>
    /// <param name="entry">The file entry.</param>
    /// <param name="from">The input mailbox.</param>
    /// <param name="to">The output mailboxes.</param>
    protected WeatherStage(string name, string entry, string from, string[] to)
        : base(name, entry, from, to)
    {
    }

    /// <inheritdoc />
    public override bool Accepts(MessageKind kind) => kind == MessageKind.Weather;

    /// <inheritdoc />
    public override MessageKind? OutputKind(MessageKind input) => MessageKind.Weather;
}
