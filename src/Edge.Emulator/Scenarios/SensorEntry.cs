using System.Collections.Generic;
using System.Text.Json.Serialization;
using Edge.Configuration;
using Edge.Emulator.Sensors;

namespace Edge.Emulator.Scenarios;

/// <summary>An entry of <c>sensors</c>: a simulated device on the I2C bus and its value tracks.</summary>
[ConfigNoun("sensor")]
internal sealed class SensorEntry
{
    [JsonConverter(typeof(StrictEnumConverter<SensorDevice>))]
    public required SensorDevice Device { get; init; }

    public string? Description { get; init; }

    public int Bus { get; set; } = 1;

    public required I2cAddress Address { get; init; }

    [JsonConverter(typeof(StrictEnumConverter<TrackInterpolation>))]
    public TrackInterpolation Interpolation { get; set; } = TrackInterpolation.Linear;

    public List<TrackPointEntry>? TemperatureC { get; init; }

    public List<TrackPointEntry>? PressureHpa { get; init; }

    public List<TrackPointEntry>? HumidityPercent { get; init; }
}

/// <summary>The devices the emulator simulates.</summary>
internal enum SensorDevice
{
    /// <summary>A Bosch BME280, read by the real Iot.Device.Bmxx80 binding.</summary>
    Bme280,
}

/// <summary>A point of a sensor track.</summary>
[ConfigNoun("track point")]
internal sealed class TrackPointEntry
{
    public required double AtMs { get; init; }

    public required double Value { get; init; }
}
