using System;
using System.Collections.Generic;
using System.Globalization;
using Edge.Configuration;

namespace Edge.Hardware.Boards;

/// <summary>
/// A board profile from <c>hardware/boards/*.json</c>: pin names to BCM numbers, which GPIO chip holds the header
/// (by label, such as <c>pinctrl-rp1</c>, or by device name), the I2C bus, and wiring notes per sample pipeline.
/// </summary>
public sealed class BoardProfile
{
    private BoardProfile(string file, BoardFile doc, Dictionary<string, int> pins, Dictionary<string, string[]> wiring)
    {
        File = file;
        Name = doc.Name;
        GpioChip = doc.GpioChip;
        GpioChipLabel = doc.GpioChipLabel;
        GpioChipNote = doc.GpioChipNote;
        I2cBus = doc.I2cBus;
        Pins = pins;
        Wiring = wiring;
    }

    /// <summary>The file the profile came from.</summary>
    public string File { get; }

    /// <summary>The board's name, such as <c>rpi5</c>.</summary>
    public string Name { get; }

    /// <summary>The GPIO chip's device name, such as <c>gpiochip0</c>: used when no chip has <see cref="GpioChipLabel"/>; may be null.</summary>
    public string? GpioChip { get; }

    /// <summary>The label of the chip that holds the header pins, such as <c>pinctrl-rp1</c>; preferred over the number, which kernels renumber.</summary>
    public string? GpioChipLabel { get; }

    /// <summary>A note on the chip (e.g. kernel-dependent numbering), or null.</summary>
    public string? GpioChipNote { get; }

    /// <summary>The I2C bus number the sensors are on.</summary>
    public int I2cBus { get; }

    /// <summary>Pin names (case-sensitive) to BCM numbers.</summary>
    public IReadOnlyDictionary<string, int> Pins { get; }

    /// <summary>Wiring notes by pipeline name.</summary>
    public IReadOnlyDictionary<string, string[]> Wiring { get; }

    /// <summary>Loads and checks a profile.</summary>
    /// <param name="path">The profile file.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ConfigurationException">The file is unreadable or wrong; the message names file, entry and problem.</exception>
    public static BoardProfile Load(string path) => Parse(ConfigFile.ReadText(path), path);

    /// <summary>Parses and checks a profile from JSON text.</summary>
    /// <param name="json">The JSON.</param>
    /// <param name="file">The name used in error messages.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ConfigurationException">The JSON is wrong.</exception>
    public static BoardProfile Parse(string json, string file)
    {
        BoardFile doc = ConfigFile.Bind(json, file, BoardJsonContext.Strict.BoardFile);
        var check = new ConfigCheck(file);
        check.Name(doc.Name, "name", 64);
        if (doc.GpioChip == null && doc.GpioChipLabel == null)
        {
            throw check.Fail("(root)", "must give gpioChipLabel (the header chip's label, such as \"pinctrl-rp1\"), gpioChip (its device, such as \"gpiochip0\"), or both.");
        }

        if (doc.GpioChip != null && !IsChipDevice(doc.GpioChip))
        {
            throw check.Fail("gpioChip", "must name a chip device such as \"gpiochip0\"; got \"" + doc.GpioChip + "\".");
        }

        if (doc.GpioChipLabel != null)
        {
            check.Name(doc.GpioChipLabel, "gpioChipLabel", 64);
        }

        check.WholeNumber(doc.I2cBus, "i2cBus", 0, 255);
        var pins = new Dictionary<string, int>(StringComparer.Ordinal);
        var owners = new Dictionary<int, string>();
        foreach (KeyValuePair<string, int> p in doc.Pins)
        {
            string entry = ConfigText.Child("pins", p.Key);
            check.Name(p.Key, entry, 32);
            int number = (int)check.WholeNumber(p.Value, entry, 0, 1023);
            if (owners.TryGetValue(number, out string? other))
            {
                throw check.Fail(entry, "BCM " + number + " is already named \"" + other + "\".");
            }

            owners[number] = p.Key;
            pins[p.Key] = number;
        }

        var wiring = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, List<string>> w in doc.Wiring)
        {
            wiring[w.Key] = w.Value.ToArray();
        }

        return new BoardProfile(file, doc, pins, wiring);
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

    /// <summary>The chip number in a device name such as <c>gpiochip4</c>.</summary>
    internal static int ChipNumber(string device) => int.Parse(device.AsSpan("gpiochip".Length), NumberStyles.None, CultureInfo.InvariantCulture);

    private static bool IsChipDevice(string name) =>
        name.StartsWith("gpiochip", StringComparison.Ordinal) && name.Length > 8 && name.Length <= 12
        && int.TryParse(name.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
