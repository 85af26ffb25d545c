using System.Text.Json.Serialization;
using Edge.Configuration;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Configuration;

/// <summary>An entry of <c>stages</c>: its <c>type</c> says which kind and which properties it takes.</summary>
[ConfigNoun("stage")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(FilterStageEntry), "filter")]
[JsonDerivedType(typeof(AverageStageEntry), "average")]
[JsonDerivedType(typeof(ThresholdStageEntry), "threshold")]
[JsonDerivedType(typeof(ChangeStageEntry), "change")]
[JsonDerivedType(typeof(RateLimitStageEntry), "rateLimit")]
[JsonDerivedType(typeof(ButtonStageEntry), "button")]
internal abstract class StageEntry
{
    public string? Name { get; init; }

    public required string From { get; init; }

    public required MailboxNames To { get; init; }

    public string? Description { get; init; }
}

/// <summary><c>filter</c>: passes readings whose field is within [min, max].</summary>
internal sealed class FilterStageEntry : StageEntry
{
    [JsonConverter(typeof(StrictEnumConverter<WeatherField>))]
    public WeatherField Field { get; set; } = WeatherField.Temperature;

    public required double Min { get; init; }

    public required double Max { get; init; }
}

/// <summary><c>average</c>: the moving average of the last <c>window</c> readings.</summary>
internal sealed class AverageStageEntry : StageEntry
{
    public required int Window { get; init; }
}

/// <summary><c>threshold</c>: one message when the field rises above <c>above</c> or falls below <c>below</c>, and one when it clears.</summary>
internal sealed class ThresholdStageEntry : StageEntry
{
    [JsonConverter(typeof(StrictEnumConverter<WeatherField>))]
    public WeatherField Field { get; set; } = WeatherField.Temperature;

    public double? Above { get; init; }

    public double? Below { get; init; }

    public double Hysteresis { get; init; }
}

/// <summary><c>change</c>: passes a reading when its field moved by at least <c>delta</c> since the last one passed.</summary>
internal sealed class ChangeStageEntry : StageEntry
{
    [JsonConverter(typeof(StrictEnumConverter<WeatherField>))]
    public WeatherField Field { get; set; } = WeatherField.Temperature;

    public required double Delta { get; init; }
}

/// <summary><c>rateLimit</c>: at most one message per <c>intervalMs</c>.</summary>
internal sealed class RateLimitStageEntry : StageEntry
{
    public required double IntervalMs { get; init; }
}

/// <summary><c>button</c>: press, release and click events from debounced GPIO edges.</summary>
internal sealed class ButtonStageEntry : StageEntry
{
    public bool ActiveLow { get; set; } = true;

    public double ClickMs { get; set; } = 500;
}
