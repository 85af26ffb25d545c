using System.Collections.Generic;
using System.Text.Json.Serialization;
using Edge.Configuration;

namespace Edge.Pipelines.Configuration;

/// <summary>An entry of <c>sources</c>: its <c>type</c> says which kind.</summary>
[ConfigNoun("source")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(GpioSourceEntry), "gpio")]
[JsonDerivedType(typeof(Bme280SourceEntry), "bme280")]
[JsonDerivedType(typeof(MqttSourceEntry), "mqtt")]
[JsonDerivedType(typeof(SharedSourceEntry), "shared")]
internal abstract class SourceEntry
{
    public string? Name { get; init; }

    public required string To { get; init; }

    public string? Description { get; init; }
}

/// <summary>A <c>gpio</c> source: edges of one or more pins.</summary>
internal sealed class GpioSourceEntry : SourceEntry
{
    public required List<GpioPinEntry> Pins { get; init; }
}

/// <summary>A <c>bme280</c> source: a sensor read every period.</summary>
internal sealed class Bme280SourceEntry : SourceEntry
{
    public int? Bus { get; init; }

    public I2cAddress? Address { get; init; }

    public double PeriodMs { get; set; } = 1000;
}
