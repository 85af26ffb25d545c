using System;
using System.Globalization;
using System.Text.Json;
using Edge.Hardware.Sensors;
using Edge.Pipelines.Messages.Json;

namespace Edge.Pipelines.Messages;

/// <summary><c>weather</c>: <see cref="Bme280Reading"/>, a BME280 measurement or an average of several.</summary>
internal sealed class WeatherCodec : MessageCodecOf<Bme280Reading>
{
    public override MessageKind Kind => MessageKind.Weather;

    public override string Name => "weather";

    public override string CsvHeader => "timestamp_ns,utc,sequence,temperature_c,pressure_pa,humidity_percent,count";

    protected override string Text(in Bme280Reading r) => string.Create(
        CultureInfo.InvariantCulture,
        $"T={r.TemperatureCelsius:F2} °C  P={r.PressurePascals / 100:F2} hPa  H={r.HumidityPercent:F1} %  (#{r.Sequence}, avg of {r.Count})");

    protected override string Csv(in Bme280Reading r, string utc) => string.Create(
        CultureInfo.InvariantCulture,
        $"{r.TimestampNanoseconds},{utc},{r.Sequence},{r.TemperatureCelsius:F3},{r.PressurePascals:F1},{r.HumidityPercent:F2},{r.Count}");

    protected override string Json(in Bme280Reading r, string utc) => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"kind\":\"weather\",\"timestampNs\":{r.TimestampNanoseconds},\"utc\":\"{utc}\",\"sequence\":{r.Sequence},\"temperatureC\":{r.TemperatureCelsius:F3},\"pressurePa\":{r.PressurePascals:F1},\"humidityPercent\":{r.HumidityPercent:F2},\"count\":{r.Count}}}");

    protected override bool TryReadJson(ReadOnlySpan<byte> json, out Bme280Reading value)
    {
        WeatherJson? w = JsonSerializer.Deserialize(json, MessageJsonContext.Default.WeatherJson);
        value = default;
        if (w == null || (w.Kind != null && w.Kind != Name))
        {
            return false;
        }

        value = new Bme280Reading
        {
            TimestampNanoseconds = w.TimestampNs,
            Sequence = w.Sequence,
            TemperatureCelsius = w.TemperatureC,
            PressurePascals = w.PressurePa,
            HumidityPercent = w.HumidityPercent,
            Count = w.Count,
        };
        return true;
    }
}
