using System.Collections.Generic;
using System.Text.Json.Serialization;
using Edge.Configuration;
using Edge.Emulator.Gpio;

namespace Edge.Emulator.Scenarios;

/// <summary>An entry of <c>pins</c>: a signal generator on one pin; its <c>generator</c> says which.</summary>
[ConfigNoun("generator")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "generator")]
[JsonDerivedType(typeof(SquareEntry), "square")]
[JsonDerivedType(typeof(BounceEntry), "bounce")]
[JsonDerivedType(typeof(PoissonEntry), "poisson")]
internal abstract class SignalEntry
{
    public required int Pin { get; init; }

    public string? Description { get; init; }
}

/// <summary><c>square</c>: a push-pull square wave.</summary>
internal sealed class SquareEntry : SignalEntry
{
    public required double PeriodUs { get; init; }

    public double DutyCycle { get; set; } = 0.5;

    public double? StartMs { get; init; }

    public double? StopMs { get; init; }
}

/// <summary><c>bounce</c>: button presses with contact bounce.</summary>
internal sealed class BounceEntry : SignalEntry
{
    public required List<double> PressesAtMs { get; init; }

    public double HoldMs { get; set; } = 100;

    public int Bounces { get; set; } = 5;

    public double BounceMinUs { get; set; } = 20;

    public double? BounceMaxUs { get; init; }

    [JsonConverter(typeof(StrictEnumConverter<DriveLevel>))]
    public DriveLevel PressedLevel { get; set; } = DriveLevel.Low;

    [JsonConverter(typeof(StrictEnumConverter<DriveLevel>))]
    public DriveLevel ReleasedLevel { get; set; } = DriveLevel.Open;
}

/// <summary><c>poisson</c>: pulses at random, on average <c>ratePerSecond</c>.</summary>
internal sealed class PoissonEntry : SignalEntry
{
    public required double RatePerSecond { get; init; }

    public required double PulseWidthUs { get; init; }

    [JsonConverter(typeof(StrictEnumConverter<DriveLevel>))]
    public DriveLevel ActiveLevel { get; set; } = DriveLevel.High;

    [JsonConverter(typeof(StrictEnumConverter<DriveLevel>))]
    public DriveLevel? IdleLevel { get; init; }

    public double? StartMs { get; init; }

    public double? StopMs { get; init; }
}
