using System.Collections.Generic;
using System.Text.Json.Serialization;
using Edge.Configuration;

namespace Edge.Pipelines.Configuration;

/// <summary>A pipeline file as written (hardware/schemas/pipeline.schema.json); <see cref="PipelineSpec"/> checks its meaning.</summary>
[ConfigNoun("pipeline file")]
internal sealed class PipelineFile
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required List<MailboxEntry> Mailboxes { get; init; }

    public required List<SourceEntry> Sources { get; init; }

    public List<StageEntry> Stages { get; set; } = new List<StageEntry>();

    public required List<SinkEntry> Sinks { get; init; }
}
