using System.Text.Json.Serialization;

namespace Edge.Pipelines.Messages.Json;

/// <summary>
/// The generated contract of the message kinds' JSON forms, for an mqtt source that reads JSON: camelCase as the
/// codecs write it; properties the codecs do not write (a sender's additions) are ignored, missing ones are 0.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(WeatherJson))]
[JsonSerializable(typeof(GpioJson))]
[JsonSerializable(typeof(ButtonJson))]
[JsonSerializable(typeof(AlertJson))]
internal sealed partial class MessageJsonContext : JsonSerializerContext
{
}
