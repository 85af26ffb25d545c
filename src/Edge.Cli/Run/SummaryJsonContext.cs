using System.Text.Json.Serialization;

namespace Edge.Cli.Run;

/// <summary>System.Text.Json source generation for the summary JSON: camelCase, indented, nulls written.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(JsonSummary))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext
{
}
