using System;
using System.Collections.Generic;
using System.Device.Gpio;
using System.IO;

namespace Edge.Hardware.Boards;

/// <summary>
/// Brings up a Raspberry Pi's GPIO for a board profile: Linux and a GPIO chip present, libgpiod 1.x or 2.x picked
/// by what is installed (System.Device.Gpio 4.2's own board detection uses /dev/gpiomem on a Pi 4 and libgpiod 1.x
/// only), the header chip found by label, and access to it checked, each failure explained with its fix.
/// </summary>
public static class RaspberryPiGpio
{
    /// <summary>Opens the header chip of <paramref name="profile"/> through libgpiod.</summary>
    /// <param name="profile">The board profile.</param>
    /// <param name="chip">The chip chosen.</param>
    /// <returns>A controller on that chip; the caller disposes it.</returns>
    /// <remarks>Blocks briefly (driver calls). Not for interrupt or driver callbacks.</remarks>
    /// <exception cref="BoardUnavailableException">The GPIO cannot be used; the message says why and how to fix it.</exception>
    public static GpioController Open(BoardProfile profile, out GpioChipInfo chip)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!OperatingSystem.IsLinux())
        {
            throw new BoardUnavailableException("--board " + profile.Name + " needs Linux with libgpiod (a Raspberry Pi).", "on this machine use --board emulator.");
        }

        if (Directory.GetFiles("/dev", "gpiochip*").Length == 0)
        {
            throw new BoardUnavailableException(
                "This is not a Raspberry Pi (or no GPIO chip is visible): there is no /dev/gpiochip* device.",
                "on a desktop use --board emulator; on a Pi, update the kernel (sudo apt full-upgrade) and check that /dev/gpiochip0 exists.");
        }

        LibgpiodSelector.Api api = LibgpiodSelector.DetectHere();
        if (api == LibgpiodSelector.Api.Missing)
        {
            throw new BoardUnavailableException(
                "libgpiod is not installed: neither libgpiod.so.3 (2.x) nor libgpiod.so.2 (1.x) could be loaded.",
                LibgpiodSelector.InstallHint.Substring("Fix: ".Length));
        }

        IReadOnlyList<GpioChipInfo> chips;
        try
        {
            chips = LibgpiodSelector.ListChips(api);
        }
        catch (Exception ex) when (IsLibraryFailure(ex))
        {
            throw new BoardUnavailableException("libgpiod (" + api + " API) could not list the GPIO chips (" + ex.Message + ").", LibgpiodSelector.InstallHint.Substring("Fix: ".Length), ex);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException || ex is IOException)
        {
            throw AccessDenied("/dev/gpiochip*", ex);
        }

        chip = GpioChipLocator.Choose(profile, chips);
        string device = "/dev/gpiochip" + chip.Id;
        CheckAccess(device);
        try
        {
            return new GpioController(LibgpiodSelector.Create(api, chip.Id));
        }
        catch (Exception ex) when (IsLibraryFailure(ex))
        {
            throw new BoardUnavailableException("libgpiod (" + api + " API) could not be used (" + ex.Message + ").", LibgpiodSelector.InstallHint.Substring("Fix: ".Length), ex);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException || ex is IOException)
        {
            throw AccessDenied(device, ex);
        }
    }

    /// <summary>Checks that the I2C bus device exists and may be opened, before a sensor is opened on it.</summary>
    /// <param name="bus">The bus number.</param>
    /// <param name="profile">The board profile, named in the fix.</param>
    /// <exception cref="BoardUnavailableException">The bus is missing or not accessible.</exception>
    public static void CheckI2c(int bus, BoardProfile profile)
    {
        string device = "/dev/i2c-" + bus;
        if (!File.Exists(device))
        {
            throw new BoardUnavailableException(
                device + " does not exist: I2C is off, or the sensors are on another bus than " + profile.File + " says.",
                "enable I2C (sudo raspi-config nonint do_i2c 0) and reboot, or set i2cBus in " + profile.File + ".");
        }

        try
        {
            using FileStream probe = File.Open(device, FileMode.Open, FileAccess.ReadWrite);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new BoardUnavailableException("Permission denied opening " + device + ".", "sudo usermod -aG i2c $USER, then log out and in again.", ex);
        }
        catch (IOException)
        {
            // It exists and opening was allowed; the sensor binding reports anything else.
        }
    }

    private static void CheckAccess(string device)
    {
        try
        {
            using FileStream probe = File.Open(device, FileMode.Open, FileAccess.ReadWrite);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw AccessDenied(device, ex);
        }
        catch (IOException)
        {
            // It exists and opening was allowed; the driver reports anything else.
        }
    }

    private static BoardUnavailableException AccessDenied(string device, Exception ex) =>
        new BoardUnavailableException("Permission denied opening " + device + " (" + ex.Message.TrimEnd('.') + ").", "sudo usermod -aG gpio $USER, then log out and in again (or run once with sudo to confirm).", ex);

    private static bool IsLibraryFailure(Exception ex) =>
        ex is DllNotFoundException || ex is PlatformNotSupportedException || ex is TypeInitializationException || ex is EntryPointNotFoundException;
}
