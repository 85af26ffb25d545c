using System;
using System.Globalization;
using System.Text.Json;
using Edge.Pipelines.Messages.Json;

namespace Edge.Pipelines.Messages;

/// <summary><c>alert</c>: <see cref="AlertEvent"/>, a threshold alarm raised or cleared.</summary>
internal sealed class AlertEventCodec : MessageCodecOf<AlertEvent>
{
    public override MessageKind Kind => MessageKind.Alert;

    public override string Name => "alert";

    public override string CsvHeader => "timestamp_ns,utc,field,value,level,direction,state";

    protected override string Text(in AlertEvent a)
    {
        string side = a.Direction == AlertDirection.Above ? (a.Raised ? "above" : "back below") : (a.Raised ? "below" : "back above");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{State(a)}: {FieldName(a.Field)} {Display(a.Field, a.Value)} is {side} {Display(a.Field, a.Level)}");
    }

    protected override string Csv(in AlertEvent a, string utc) => string.Create(
        CultureInfo.InvariantCulture,
        $"{a.TimestampNanoseconds},{utc},{FieldName(a.Field)},{a.Value:R},{a.Level:R},{Direction(a.Direction)},{State(a)}");

    protected override string Json(in AlertEvent a, string utc) => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"kind\":\"alert\",\"timestampNs\":{a.TimestampNanoseconds},\"utc\":\"{utc}\",\"field\":\"{FieldName(a.Field)}\",\"value\":{a.Value:R},\"level\":{a.Level:R},\"direction\":\"{Direction(a.Direction)}\",\"state\":\"{State(a)}\"}}");

    private static string State(in AlertEvent a) => a.Raised ? "raised" : "cleared";

    private static string Direction(AlertDirection d) => d == AlertDirection.Above ? "above" : "below";

    private static string FieldName(WeatherField f) => f switch
    {
        WeatherField.Pressure => "pressure",
        WeatherField.Humidity => "humidity",
        _ => "temperature",
    };

    private static string Display(WeatherField f, double value) => f switch
    {
        WeatherField.Pressure => (value / 100).ToString("F2", CultureInfo.InvariantCulture) + " hPa",
        WeatherField.Humidity => value.ToString("F1", CultureInfo.InvariantCulture) + " %",
        _ => value.ToString("F2", CultureInfo.InvariantCulture) + " °C",
    };

    protected override bool TryReadJson(ReadOnlySpan<byte> json, out AlertEvent value)
    {
        AlertJson? a = JsonSerializer.Deserialize(json, MessageJsonContext.Default.AlertJson);
        value = default;
        WeatherField? field = a?.Field switch
        {
            "temperature" => WeatherField.Temperature,
            "pressure" => WeatherField.Pressure,
            "humidity" => WeatherField.Humidity,
            _ => null,
        };
        AlertDirection direction = a?.Direction switch
        {
            "above" => AlertDirection.Above,
            "below" => AlertDirection.Below,
            _ => 0,
        };
        if (a == null || (a.Kind != null && a.Kind != Name) || field == null || direction == 0 || (a.State != "raised" && a.State != "cleared"))
        {
            return false;
        }

        value = new AlertEvent
        {
            TimestampNanoseconds = a.TimestampNs, Value = a.Value, Level = a.Level, Field = field.Value, Direction = direction, Raised = a.State == "raised",
        };
        return true;
    }
}
