using System.Text.Json.Serialization;
using Edge.Configuration;
using Edge.Ipc;

namespace Edge.Pipelines.Configuration;

/// <summary>An entry of <c>mailboxes</c>.</summary>
[ConfigNoun("mailbox")]
internal sealed class MailboxEntry
{
    public required string Name { get; init; }

    public required int Capacity { get; init; }

    [JsonConverter(typeof(StrictEnumConverter<OverflowPolicy>))]
    public OverflowPolicy Overflow { get; set; } = OverflowPolicy.RefuseNewest;

    public bool Shared { get; init; }

    public string? Group { get; init; }

    public string? Description { get; init; }
}
