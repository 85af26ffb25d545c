using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Edge.Pipelines.Mqtt;

/// <summary>The generated contract of Home Assistant discovery messages: null members left out, text unescaped where JSON allows.</summary>
[JsonSerializable(typeof(DiscoveryConfig))]
internal sealed partial class DiscoveryJsonContext : JsonSerializerContext
{
    /// <summary>The instance discovery messages are written with.</summary>
    public static DiscoveryJsonContext Relaxed { get; } = new DiscoveryJsonContext(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
