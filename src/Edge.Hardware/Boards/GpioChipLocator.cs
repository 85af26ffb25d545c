using System.Collections.Generic;
using System.Device.Gpio;
using System.Globalization;

namespace Edge.Hardware.Boards;

/// <summary>
/// Finds the GPIO chip that holds a board's header pins among the chips the kernel offers: by label first (a Pi 5's
/// RP1 is <c>pinctrl-rp1</c>, gpiochip4 on kernels before 6.6.45 and gpiochip0 after), then by device name.
/// </summary>
public static class GpioChipLocator
{
    /// <summary>Chooses the chip for <paramref name="profile"/> from <paramref name="chips"/>.</summary>
    /// <param name="profile">The board profile.</param>
    /// <param name="chips">The chips present (from the libgpiod driver's <c>GetAvailableChips</c>).</param>
    /// <returns>The chip.</returns>
    /// <exception cref="BoardUnavailableException">No chip matches; the message lists the chips seen.</exception>
    public static GpioChipInfo Choose(BoardProfile profile, IReadOnlyList<GpioChipInfo> chips)
    {
        if (chips.Count == 0)
        {
            throw new BoardUnavailableException(
                "This is not a Raspberry Pi (or no GPIO chip is visible): there is no /dev/gpiochip* device.",
                "on a desktop use --board emulator; on a Pi, update the kernel (sudo apt full-upgrade) and check that /dev/gpiochip0 exists.");
        }

        if (profile.GpioChipLabel != null)
        {
            foreach (GpioChipInfo chip in chips)
            {
                if (chip.Label == profile.GpioChipLabel)
                {
                    return chip;
                }
            }
        }

        if (profile.GpioChip != null)
        {
            int number = BoardProfile.ChipNumber(profile.GpioChip);
            foreach (GpioChipInfo chip in chips)
            {
                if (chip.Id == number)
                {
                    return chip;
                }
            }
        }

        var seen = new List<string>();
        foreach (GpioChipInfo chip in chips)
        {
            seen.Add("gpiochip" + chip.Id.ToString(CultureInfo.InvariantCulture) + " \"" + chip.Label + "\" (" + chip.NumLines + " lines)");
        }

        string wanted = profile.GpioChipLabel != null
            ? "a chip labelled \"" + profile.GpioChipLabel + "\"" + (profile.GpioChip != null ? " or " + profile.GpioChip : string.Empty)
            : profile.GpioChip!;
        throw new BoardUnavailableException(
            "Board profile '" + profile.Name + "' (" + profile.File + ") wants " + wanted + ", but this machine has: " + string.Join(", ", seen) + ".",
            "pick the right profile with --board, or set gpioChipLabel in " + profile.File + " to the header chip's label from `gpiodetect`.");
    }
}
