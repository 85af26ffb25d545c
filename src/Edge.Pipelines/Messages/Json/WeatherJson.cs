namespace Edge.Pipelines.Messages.Json;

/// <summary>The JSON form of a <c>weather</c> message, as <see cref="WeatherCodec"/> writes it, for reading it back.</summary>
internal sealed class WeatherJson
{
    public string? Kind { get; set; }

    public long TimestampNs { get; set; }

    public int Sequence { get; set; }

    public double TemperatureC { get; set; }

    public double PressurePa { get; set; }

    public double HumidityPercent { get; set; }

    public int Count { get; set; } = 1;
}
