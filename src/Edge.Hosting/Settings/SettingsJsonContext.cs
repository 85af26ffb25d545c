using System.Text.Json.Serialization;

namespace Edge.Hosting.Settings;

/// <summary>The generated contract of settings files; constructed with <see cref="Edge.Configuration.ConfigFile.CreateOptions"/>.</summary>
[JsonSerializable(typeof(SettingsFile))]
internal sealed partial class SettingsJsonContext : JsonSerializerContext
{
    /// <summary>The strict instance every settings file is read with.</summary>
    public static SettingsJsonContext Strict { get; } = new SettingsJsonContext(Edge.Configuration.ConfigFile.CreateOptions());
}
