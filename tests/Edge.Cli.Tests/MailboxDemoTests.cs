using System;
using System.Collections.Generic;
using System.IO;
using Edge.Cli.Demo;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

[TestClass]
public sealed class MailboxDemoTests
{
    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void Run_ManyProducersTwoSlots_NoneLostFifoHeld()
    {
        // Steps: 16 producer tasks send 200 readings each through a two-slot mailbox, so they keep meeting
        // a full mailbox and waiting; the consumer prints every message.
        // Expected: exit 0; the printed lines, read back independently of the demo's own check, hold all 3,200
        // readings with the sequence unbroken and each producer's readings in the order sent.
        var output = new StringWriter();
        using var demo = new MailboxDemo(new DemoSettings(messages: 200, producers: 16, capacity: 2), output);

        int exitCode = demo.Run();

        string text = output.ToString();
        Assert.AreEqual(ExitCodes.Success, exitCode, text);
        List<PrintedMessage> lines = DemoOutput.MessageLines(text);
        Assert.HasCount(3200, lines);
        DemoOutput.AssertFifoPerProducer(lines, 16, 200);
        Assert.AreEqual(3200, DemoOutput.Row(text, "sent"));
        Assert.AreEqual(3200, DemoOutput.Row(text, "received"));
        Assert.AreEqual(0, DemoOutput.Row(text, "depth"));
        Assert.AreEqual(DemoOutput.Row(text, "refused-full"), DemoOutput.ProducerWaits(text, 16));
        Assert.Contains("delivered 3200 of 3200, none lost, FIFO per producer held", text);
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void Run_ConsumerFails_ProducersReleasedAndExitsOne()
    {
        // Steps: three producers send 50 readings each through a one-slot mailbox; the consumer's writer
        // throws while it prints its third message, so the consumer task fails with producers blocked on it.
        // Expected: Run returns (the failing consumer closes the mailbox, which releases the producers) with
        // exit code 1, naming the consumer's exception and the readings that never arrived.
        var output = new ThrowingWriter(failOnMessageLine: 3);
        using var demo = new MailboxDemo(new DemoSettings(messages: 50, producers: 3, capacity: 1), output);

        int exitCode = demo.Run();

        string text = output.ToString();
        Assert.AreEqual(ExitCodes.Failure, exitCode, text);
        Assert.Contains("FAILED: consumer stopped with IOException: The pipe is being closed.", text);
        Assert.Contains("FAILED: delivered 3 of 150, 147 missing", text);
        Assert.DoesNotContain("none lost", text);
    }

    [TestMethod]
    public void Run_ManualClock_EveryLatencyZero()
    {
        // Steps: run the demo on a clock that never moves.
        // Expected: every message line and the consumer's summary show 0.0 us of latency.
        var output = new StringWriter();
        using var demo = new MailboxDemo(new DemoSettings(messages: 3, producers: 2, capacity: 1), output, new ManualClock(1_000));

        Assert.AreEqual(ExitCodes.Success, demo.Run());

        string text = output.ToString();
        Assert.HasCount(6, DemoOutput.MessageLines(text));
        foreach (string line in text.Split('\n'))
        {
            if (line.Contains(" C ", StringComparison.Ordinal))
            {
                Assert.EndsWith("0.0 us", line.TrimEnd('\r'));
            }
        }

        Assert.Contains("latency min 0.0 us, mean 0.0 us, max 0.0 us", text);
    }

    [TestMethod]
    public void Run_Header_NamesMailboxCapacityAndReservedBytes()
    {
        var output = new StringWriter();
        using var demo = new MailboxDemo(new DemoSettings(messages: 1, producers: 1, capacity: 0), output);

        Assert.AreEqual(ExitCodes.Success, demo.Run());

        string text = output.ToString();
        Assert.StartsWith("edge demo: 1 producer x 1 reading -> mailbox 'readings'", text);
        Assert.Contains("capacity 0 (rendezvous), 12-byte slots", text);
    }

    [TestMethod]
    public void Run_Twice_ThrowsWithoutPrinting()
    {
        var output = new StringWriter();
        using var demo = new MailboxDemo(new DemoSettings(messages: 1, producers: 1), output);
        demo.Run();
        int printed = output.ToString().Length;

        Assert.ThrowsExactly<InvalidOperationException>(() => demo.Run());
        Assert.AreEqual(printed, output.ToString().Length);
    }

    [TestMethod]
    public void Constructor_NullOutput_Throws()
    {
        ArgumentNullException e = Assert.ThrowsExactly<ArgumentNullException>(() => new MailboxDemo(new DemoSettings(), null!));

        Assert.AreEqual("output", e.ParamName);
    }

    [TestMethod]
    public void Dispose_NeverRun_Returns()
    {
        var demo = new MailboxDemo(new DemoSettings(), new StringWriter());

        demo.Dispose();
        demo.Dispose();
    }
}
