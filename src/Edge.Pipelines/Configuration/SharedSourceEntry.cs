using System.Text.Json.Serialization;
using Edge.Configuration;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Configuration;

/// <summary><c>shared</c> source: the messages of another process's shared mailbox, posted into a local mailbox.</summary>
internal sealed class SharedSourceEntry : SourceEntry
{
    /// <summary>The other process's shared mailbox (the file <c>/dev/shm/edge.NAME</c>).</summary>
    public required string Mailbox { get; init; }

    /// <summary>What it carries: a segment does not record its kind.</summary>
    [JsonConverter(typeof(StrictEnumConverter<MessageKind>))]
    public required MessageKind Kind { get; init; }
}
