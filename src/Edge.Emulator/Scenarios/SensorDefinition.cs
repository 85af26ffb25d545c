using Edge.Emulator.Sensors;

namespace Edge.Emulator.Scenarios;

/// <summary>A validated BME280 entry of a scenario. Tracks are immutable, so boards can share them.</summary>
internal sealed class SensorDefinition
{
    public SensorDefinition(int busId, int address, SensorTrack temperatureCelsius, SensorTrack pressurePascals, SensorTrack humidityPercent)
    {
        BusId = busId;
        Address = address;
        TemperatureCelsius = temperatureCelsius;
        PressurePascals = pressurePascals;
        HumidityPercent = humidityPercent;
    }

    public int BusId { get; }

    public int Address { get; }

    public SensorTrack TemperatureCelsius { get; }

    public SensorTrack PressurePascals { get; }

    public SensorTrack HumidityPercent { get; }
}
