namespace Edge.Pipelines.Messages;

/// <summary>A field of a <see cref="Edge.Hardware.Sensors.Bme280Reading"/> that a stage looks at.</summary>
public enum WeatherField
{
    /// <summary>Temperature, °C.</summary>
    Temperature,

    /// <summary>Pressure, Pa.</summary>
    Pressure,

    /// <summary>Relative humidity, %.</summary>
    Humidity,
}
