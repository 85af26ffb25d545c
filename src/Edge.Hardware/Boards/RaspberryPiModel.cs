using System;
using System.IO;

namespace Edge.Hardware.Boards;

/// <summary>Tells which Raspberry Pi this is from the device tree's model string, and which board profile fits it.</summary>
public static class RaspberryPiModel
{
    /// <summary>Where Linux exposes the device tree.</summary>
    public const string DeviceTreeRoot = "/proc/device-tree";

    /// <summary>The model string (such as <c>Raspberry Pi 5 Model B Rev 1.0</c>), or null when there is none.</summary>
    /// <param name="deviceTreeRoot">The device tree folder; tests pass their own.</param>
    /// <returns>The model, without the trailing NUL.</returns>
    public static string? Read(string deviceTreeRoot = DeviceTreeRoot)
    {
        try
        {
            string path = Path.Combine(deviceTreeRoot, "model");
            return File.Exists(path) ? File.ReadAllText(path).TrimEnd('\0', '\n', ' ') : null;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The board profile for <paramref name="model"/>: <c>rpi5</c>, <c>rpi4</c> (Pi 4, 400, CM4, Pi 3), or null.</summary>
    /// <param name="model">A device-tree model string, or null.</param>
    /// <returns>The profile name, or null when the model is not a supported Raspberry Pi.</returns>
    public static string? ProfileFor(string? model)
    {
        if (model == null || !model.StartsWith("Raspberry Pi", StringComparison.Ordinal))
        {
            return null;
        }

        if (model.StartsWith("Raspberry Pi 5", StringComparison.Ordinal) || model.StartsWith("Raspberry Pi Compute Module 5", StringComparison.Ordinal))
        {
            return "rpi5";
        }

        if (model.StartsWith("Raspberry Pi 4", StringComparison.Ordinal) || model.StartsWith("Raspberry Pi 400", StringComparison.Ordinal)
            || model.StartsWith("Raspberry Pi Compute Module 4", StringComparison.Ordinal) || model.StartsWith("Raspberry Pi 3", StringComparison.Ordinal)
            || model.StartsWith("Raspberry Pi Zero 2", StringComparison.Ordinal))
        {
            return "rpi4";
        }

        return null;
    }
}
