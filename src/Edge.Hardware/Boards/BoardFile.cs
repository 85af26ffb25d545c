using System.Collections.Generic;
using System.Text.Json.Serialization;
using Edge.Configuration;

namespace Edge.Hardware.Boards;

/// <summary>A board profile as written (hardware/schemas/board.schema.json); <see cref="BoardProfile"/> checks its meaning.</summary>
[ConfigNoun("board profile")]
internal sealed class BoardFile
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public string? GpioChip { get; init; }

    public string? GpioChipLabel { get; init; }

    public string? GpioChipNote { get; init; }

    public required int I2cBus { get; init; }

    public required Dictionary<string, int> Pins { get; init; }

    public Dictionary<string, List<string>> Wiring { get; set; } = new Dictionary<string, List<string>>();
}
