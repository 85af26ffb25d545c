using System.Text.Json.Serialization;

namespace Edge.Pipelines.Configuration;

/// <summary>The generated contract of pipeline files; constructed with <see cref="Edge.Configuration.ConfigFile.CreateOptions"/>.</summary>
[JsonSerializable(typeof(PipelineFile))]
internal sealed partial class PipelineJsonContext : JsonSerializerContext
{
    /// <summary>The strict instance every pipeline file is read with.</summary>
    public static PipelineJsonContext Strict { get; } = new PipelineJsonContext(Edge.Configuration.ConfigFile.CreateOptions());
}
