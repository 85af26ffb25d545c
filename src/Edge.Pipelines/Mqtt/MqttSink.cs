using System;
using Edge.Ipc;
using Edge.Mqtt;
using Edge.Pipelines.Configuration;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Mqtt;

/// <summary>
/// <c>mqtt</c> sink: hands every message of its mailbox to an <see cref="MqttPublisher"/>, whose outbox (with the
/// mailbox's overflow policy) holds what the broker has not acknowledged yet. The sink's task never waits for the
/// network: a post to the outbox never blocks.
/// </summary>
internal sealed class MqttSink : PipelineNode
{
    private MqttPublisher? _publisher;

    public MqttSink(string name, string entry, string from, MqttSinkOptions options)
        : base(name, entry, from, Array.Empty<string>())
    {
        Options = options;
    }

    /// <summary>What the file says.</summary>
    public MqttSinkOptions Options { get; }

    /// <summary>The publisher, once the pipeline is built.</summary>
    public MqttPublisher? Publisher => _publisher;

    /// <summary>The topic messages go to (the template expanded), once built.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>The kind its mailbox carries, once wired.</summary>
    public MessageKind Kind { get; set; }

    public override bool Accepts(MessageKind kind) => true;

    public override MessageKind? OutputKind(MessageKind input) => null;

    internal void Attach(MqttPublisher publisher) => _publisher = publisher;

    protected override void Handle(ReadOnlySpan<byte> message, in MessageInfo info) => _publisher!.Post(message, info);
}
