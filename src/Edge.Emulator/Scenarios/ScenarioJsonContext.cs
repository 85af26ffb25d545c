using System.Text.Json.Serialization;

namespace Edge.Emulator.Scenarios;

/// <summary>The generated contract of scenario files; constructed with <see cref="Edge.Configuration.ConfigFile.CreateOptions"/>.</summary>
[JsonSerializable(typeof(ScenarioFile))]
internal sealed partial class ScenarioJsonContext : JsonSerializerContext
{
    /// <summary>The strict instance every scenario file is read with.</summary>
    public static ScenarioJsonContext Strict { get; } = new ScenarioJsonContext(Edge.Configuration.ConfigFile.CreateOptions());
}
