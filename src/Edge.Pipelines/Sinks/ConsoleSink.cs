using System;
using System.Globalization;
using Edge.Ipc;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Sinks;

/// <summary><c>console</c>: prints every <see cref="Every"/>-th message as a readable line (a subset, not a flood).</summary>
internal sealed class ConsoleSink : PipelineNode
{
    private readonly SinkOutput _output;
    private readonly int _index;
    private long _seen;

    /// <summary>Creates the sink.</summary>
    /// <param name="name">The task name.</param>
    /// <param name="entry">The file entry.</param>
    /// <param name="from">The input mailbox.</param>
    /// <param name="every">Print one message in this many, 1 or more.</param>
    /// <param name="output">Where lines go.</param>
    /// <param name="index">The sink's position, for ordering ties.</param>
    public ConsoleSink(string name, string entry, string from, int every, SinkOutput output, int index)
        : base(name, entry, from, Array.Empty<string>())
    {
        Every = every;
        _output = output;
        _index = index;
    }

    /// <summary>One message in this many is printed.</summary>
    public int Every { get; }

    /// <inheritdoc />
    public override bool Accepts(MessageKind kind) => true;

    /// <inheritdoc />
    public override MessageKind? OutputKind(MessageKind input) => null;

    /// <inheritdoc />
    protected override void Handle(ReadOnlySpan<byte> message, in MessageInfo info)
    {
        string text = MessageCodec.For((MessageKind)info.Tag).Text(message);
        _output.Record(Name, text);
        if (_seen++ % Every == 0)
        {
            string time = (info.Timestamp / 1e9).ToString("F3", CultureInfo.InvariantCulture).PadLeft(8);
            _output.WriteLine(info.Timestamp, _index, "[" + time + " s] " + Name.PadRight(10) + " " + text);
        }
    }
}
