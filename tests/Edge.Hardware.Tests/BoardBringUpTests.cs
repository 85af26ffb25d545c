using System;
using System.Device.Gpio;
using System.IO;
using Edge.Hardware.Boards;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Hardware.Tests;

/// <summary>Board detection and the choice of the header chip, from what the kernel shows.</summary>
[TestClass]
public sealed class BoardBringUpTests
{
    private static BoardProfile Profile(string chip) =>
        BoardProfile.Parse("{ \"name\": \"b\", " + chip + ", \"i2cBus\": 1, \"pins\": { \"BUTTON\": 5 } }", "b.json");

    [TestMethod]
    [DataRow("Raspberry Pi 5 Model B Rev 1.0", "rpi5")]
    [DataRow("Raspberry Pi 4 Model B Rev 1.5", "rpi4")]
    [DataRow("Raspberry Pi 400 Rev 1.0", "rpi4")]
    [DataRow("Raspberry Pi Compute Module 4 Rev 1.1", "rpi4")]
    [DataRow("Raspberry Pi 3 Model B Plus Rev 1.3", "rpi4")]
    [DataRow("Raspberry Pi Zero W Rev 1.1", null)]
    [DataRow("Raspberry Pi Model B Rev 2", null)]
    [DataRow("Hardkernel ODROID-C4", null)]
    [DataRow(null, null)]
    public void ProfileFor_DeviceTreeModel_PicksTheBoardProfile(string? model, string? expected)
    {
        Assert.AreEqual(expected, RaspberryPiModel.ProfileFor(model));
    }

    [TestMethod]
    public void Read_DeviceTreeModelFile_DropsTheTrailingNul()
    {
        string dir = Directory.CreateTempSubdirectory("edge-dt-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "model"), "Raspberry Pi 5 Model B Rev 1.0\0");
            Assert.AreEqual("Raspberry Pi 5 Model B Rev 1.0", RaspberryPiModel.Read(dir));
            Assert.IsNull(RaspberryPiModel.Read(Path.Combine(dir, "absent")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [TestMethod]
    [DataRow(4, "pinctrl-rp1")]
    [DataRow(0, "pinctrl-rp1")]
    public void Choose_Pi5OnEitherKernel_FindsRp1ByLabel(int rp1Number, string label)
    {
        // Before 6.6.45 the RP1 header chip is gpiochip4 beside the SoC's chips; after, it is gpiochip0.
        GpioChipInfo[] chips =
        {
            new GpioChipInfo(rp1Number == 0 ? 10 : 0, "gpiochip" + (rp1Number == 0 ? 10 : 0), "gpio-brcmstb@107d508500", 32),
            new GpioChipInfo(rp1Number, "gpiochip" + rp1Number, label, 54),
        };

        GpioChipInfo chosen = GpioChipLocator.Choose(Profile("\"gpioChipLabel\": \"pinctrl-rp1\""), chips);

        Assert.AreEqual(rp1Number, chosen.Id);
    }

    [TestMethod]
    public void Choose_LabelAbsent_FallsBackToTheDeviceName()
    {
        GpioChipInfo[] chips = { new GpioChipInfo(0, "gpiochip0", "pinctrl-bcm2835", 54) };

        GpioChipInfo chosen = GpioChipLocator.Choose(Profile("\"gpioChipLabel\": \"pinctrl-bcm2711\", \"gpioChip\": \"gpiochip0\""), chips);

        Assert.AreEqual(0, chosen.Id);
    }

    [TestMethod]
    public void Choose_NoMatch_ListsTheChipsSeen()
    {
        GpioChipInfo[] chips = { new GpioChipInfo(0, "gpiochip0", "pinctrl-bcm2711", 58) };

        var ex = Assert.ThrowsExactly<BoardUnavailableException>(() => GpioChipLocator.Choose(Profile("\"gpioChipLabel\": \"pinctrl-rp1\""), chips));

        Assert.AreEqual("Board profile 'b' (b.json) wants a chip labelled \"pinctrl-rp1\", but this machine has: gpiochip0 \"pinctrl-bcm2711\" (58 lines).", ex.Problem);
    }

    [TestMethod]
    public void Choose_NoChipsAtAll_SaysThisIsNotAPi()
    {
        var ex = Assert.ThrowsExactly<BoardUnavailableException>(() => GpioChipLocator.Choose(Profile("\"gpioChip\": \"gpiochip0\""), Array.Empty<GpioChipInfo>()));

        StringAssert.StartsWith(ex.Problem, "This is not a Raspberry Pi (or no GPIO chip is visible)");
    }
}
