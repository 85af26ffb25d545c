using System.IO;
using Edge.Cli.Shared;
using Edge.Ipc.Process;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

/// <summary>What <c>edge tap</c> prints for the copies it takes: decoded messages, unknown tags in hex, and gaps.</summary>
[TestClass]
public sealed class TapPrinterTests
{
    [TestMethod]
    public void Print_SequenceGap_PrintsTheDroppedCountAndCountsIt()
    {
        var output = new StringWriter { NewLine = "\n" };
        var printer = new TapPrinter(output);

        printer.Skip(new SharedMessageInfo { Sequence = 4 });
        printer.Print(new byte[] { 0x68, 0x69 }, new SharedMessageInfo { Sequence = 5, Tag = 9, Length = 2, Timestamp = 1_500_000_000 });
        printer.Print(new byte[] { 0x01 }, new SharedMessageInfo { Sequence = 17, Tag = 2, Length = 1, Timestamp = 2_000_000_000 });

        Assert.AreEqual(
            "[   1.500 s] tag 9    2 bytes: 6869\n(11 dropped by the tap)\n[   2.000 s] tag 2    1 bytes: 01\n",
            output.ToString());
        Assert.AreEqual(2L, printer.Shown);
        Assert.AreEqual(11L, printer.Dropped);
    }

    [TestMethod]
    public void Print_SequenceWrapsPastTheTop_IsNoGap()
    {
        var output = new StringWriter { NewLine = "\n" };
        var printer = new TapPrinter(output);

        printer.Skip(new SharedMessageInfo { Sequence = -1 });
        printer.Print(new byte[] { 0 }, new SharedMessageInfo { Sequence = 0, Tag = 9, Length = 1 });

        Assert.AreEqual(0L, printer.Dropped);
    }
}
