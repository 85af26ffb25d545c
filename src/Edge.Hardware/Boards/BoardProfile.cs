using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Edge.Hardware.Boards;

/// <summary>
/// A board profile from <c>hardware/boards/*.json</c>: pin names to BCM numbers, the GPIO chip, the I2C bus, and
/// wiring notes per sample pipeline.
/// </summary>
public sealed class BoardProfile
{
    private static readonly string[] s_root = { "$schema", "name", "description", "gpioChip", "gpioChipNote", "i2cBus", "pins", "wiring" };

    private BoardProfile(string file, string name, string gpioChip, string? gpioChipNote, int i2cBus, Dictionary<string, int> pins, Dictionary<string, string[]> wiring)
    {
        File = file;
        Name = name;
        GpioChip = gpioChip;
        GpioChipNote = gpioChipNote;
        I2cBus = i2cBus;
        Pins = pins;
        Wiring = wiring;
    }

    /// <summary>The file the profile came from.</summary>
    public string File { get; }

    /// <summary>The board's name, such as <c>rpi5</c>.</summary>
    public string Name { get; }

    /// <summary>The GPIO chip device name, such as <c>gpiochip0</c>.</summary>
    public string GpioChip { get; }

    /// <summary>A note on the chip (e.g. kernel-dependent numbering), or null.</summary>
    public string? GpioChipNote { get; }

    /// <summary>The I2C bus number the sensors are on.</summary>
    public int I2cBus { get; }

    /// <summary>Pin names (case-sensitive) to BCM numbers.</summary>
    public IReadOnlyDictionary<string, int> Pins { get; }

    /// <summary>Wiring notes by pipeline name.</summary>
    public IReadOnlyDictionary<string, string[]> Wiring { get; }

    /// <summary>Loads and validates a profile.</summary>
    /// <param name="path">The profile file.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ConfigurationException">The file is unreadable or wrong; the message names file, entry and problem.</exception>
    public static BoardProfile Load(string path)
    {
        using JsonDocument doc = JsonConfigReader.Open(path, out _);
        return Parse(doc.RootElement, path);
    }

    /// <summary>Parses a profile from JSON text.</summary>
    /// <param name="json">The JSON.</param>
    /// <param name="file">The name used in error messages.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ConfigurationException">The JSON is wrong.</exception>
    public static BoardProfile Parse(string json, string file)
    {
        using JsonDocument doc = JsonConfigReader.Parse(json, file);
        return Parse(doc.RootElement, file);
    }

    /// <summary>Resolves a pin given by name (from <see cref="Pins"/>) or by number.</summary>
    /// <param name="nameOrNumber">A pin name or a decimal number.</param>
    /// <param name="pin">The BCM number.</param>
    /// <returns>True when resolved.</returns>
    public bool TryResolvePin(string nameOrNumber, out int pin)
    {
        if (Pins.TryGetValue(nameOrNumber, out pin))
        {
            return true;
        }

        return int.TryParse(nameOrNumber, NumberStyles.None, CultureInfo.InvariantCulture, out pin);
    }

    private static BoardProfile Parse(JsonElement root, string file)
    {
        var r = new JsonConfigReader(file);
        r.RequireObject(root, string.Empty, s_root);
        string name = r.String(root, string.Empty, "name", true)!;
        string chip = r.String(root, string.Empty, "gpioChip", true)!;
        if (!chip.StartsWith("gpiochip", StringComparison.Ordinal))
        {
            throw r.Fail("gpioChip", "must name a chip device such as \"gpiochip0\"; got \"" + chip + "\".");
        }

        string? note = r.String(root, string.Empty, "gpioChipNote", false);
        int bus = r.Integer(root, string.Empty, "i2cBus", 0, 255, null);
        if (!root.TryGetProperty("pins", out JsonElement pinsElement) || pinsElement.ValueKind != JsonValueKind.Object)
        {
            throw r.Fail("pins", "must be an object mapping pin names to BCM numbers, such as { \"BUTTON\": 17 }.");
        }

        var pins = new Dictionary<string, int>(StringComparer.Ordinal);
        var owners = new Dictionary<int, string>();
        foreach (JsonProperty p in pinsElement.EnumerateObject())
        {
            int number = r.Integer(pinsElement, "pins", p.Name, 0, 1023, null);
            if (owners.TryGetValue(number, out string? other))
            {
                throw r.Fail("pins." + p.Name, "BCM " + number + " is already named \"" + other + "\".");
            }

            owners[number] = p.Name;
            pins[p.Name] = number;
        }

        return new BoardProfile(file, name, chip, note, bus, pins, r.Notes(root, string.Empty, "wiring"));
    }
}
