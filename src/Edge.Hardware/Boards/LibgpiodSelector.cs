using System;
using System.Collections.Generic;
using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Runtime.InteropServices;

namespace Edge.Hardware.Boards;

/// <summary>
/// Picks the System.Device.Gpio driver that matches the libgpiod installed on the board: libgpiod 2.x
/// (<c>libgpiod.so.3</c>) needs <see cref="LibGpiodV2Driver"/>, libgpiod 1.x (<c>libgpiod.so.2</c>) needs
/// <see cref="LibGpiodDriver"/>. Raspberry Pi OS bookworm ships 1.6; trixie and later ship 2.x.
/// </summary>
public static class LibgpiodSelector
{
    /// <summary>Which libgpiod API a board offers.</summary>
    public enum Api
    {
        /// <summary>Neither library could be loaded.</summary>
        Missing,

        /// <summary>libgpiod 1.x: libgpiod.so.2.</summary>
        V1,

        /// <summary>libgpiod 2.x: libgpiod.so.3.</summary>
        V2,
    }

    /// <summary>The fix printed when libgpiod is missing.</summary>
    public const string InstallHint =
        "Fix: install libgpiod: 'sudo apt install libgpiod2' on Raspberry Pi OS bookworm (libgpiod 1.6), "
        + "'sudo apt install libgpiod3' on trixie or later (libgpiod 2.x); then run again.";

    /// <summary>Decides from which libraries load; <paramref name="canLoad"/> is the probe (injected by tests).</summary>
    /// <param name="canLoad">Whether a library of that name loads.</param>
    /// <returns>The API to use.</returns>
    public static Api Detect(Func<string, bool> canLoad) =>
        canLoad("libgpiod.so.3") ? Api.V2 : canLoad("libgpiod.so.2") ? Api.V1 : Api.Missing;

    /// <summary>Probes this machine's libraries.</summary>
    /// <returns>The API to use.</returns>
    public static Api DetectHere() => Detect(name =>
    {
        if (!NativeLibrary.TryLoad(name, out IntPtr handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    });

    /// <summary>The chips this machine offers, listed through <paramref name="api"/>'s own driver.</summary>
    /// <param name="api">The libgpiod API found by <see cref="DetectHere"/>.</param>
    /// <returns>Each chip's number, name, label and line count.</returns>
    public static IReadOnlyList<GpioChipInfo> ListChips(Api api) => api switch
    {
        Api.V2 => new List<GpioChipInfo>(LibGpiodV2Driver.GetAvailableChips()),
        Api.V1 => new List<GpioChipInfo>(LibGpiodDriver.GetAvailableChips()),
        _ => throw new DllNotFoundException("Neither libgpiod.so.3 (libgpiod 2.x) nor libgpiod.so.2 (libgpiod 1.x) could be loaded."),
    };

    /// <summary>The driver for <paramref name="api"/> on chip number <paramref name="chip"/>.</summary>
    /// <param name="api">The libgpiod API.</param>
    /// <param name="chip">The chip number.</param>
    /// <returns>The driver.</returns>
    public static GpioDriver Create(Api api, int chip) => api switch
    {
        Api.V2 => new LibGpiodV2Driver(chip),
        Api.V1 => new LibGpiodDriver(chip),
        _ => throw new DllNotFoundException("Neither libgpiod.so.3 (libgpiod 2.x) nor libgpiod.so.2 (libgpiod 1.x) could be loaded."),
    };
}
