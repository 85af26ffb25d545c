using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

[TestClass]
public sealed class DemoCommandTests
{
    [TestMethod]
    public void Run_DemoWithDefaults_ExitsZeroAndPrintsStatistics()
    {
        // Steps: run `edge demo` with no options (2 producers x 20 readings, capacity 4) in-process.
        // Expected: exit 0, nothing on the error writer, every statistics row present and consistent, and the
        // verdict line saying all 40 arrived.
        CliResult result = Cli.Run("demo");

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Output + result.Error);
        Assert.AreEqual("", result.Error);
        Assert.AreEqual(40, DemoOutput.Row(result.Output, "sent"));
        Assert.AreEqual(40, DemoOutput.Row(result.Output, "received"));
        Assert.AreEqual(0, DemoOutput.Row(result.Output, "timed out"));
        Assert.AreEqual(0, DemoOutput.Row(result.Output, "dropped"));
        Assert.AreEqual(0, DemoOutput.Row(result.Output, "depth"));
        Assert.AreEqual(4, DemoOutput.Row(result.Output, "capacity"));
        long refusedFull = DemoOutput.Row(result.Output, "refused-full");
        Assert.IsTrue(refusedFull >= 0, "refused-full is a count.");
        long highWater = DemoOutput.Row(result.Output, "high-water");
        Assert.IsTrue(highWater >= 1 && highWater <= 4, $"high-water {highWater} is within 1..capacity.");
        Assert.Contains("delivered 40 of 40, none lost, FIFO per producer held", result.Output);
    }

    [TestMethod]
    [DataRow(7, 3, 1)]
    [DataRow(5, 4, 0)]
    [DataRow(50, 1, 16)]
    [DataRow(25, 5, 2)]
    [DataRow(3, 2, 64)]
    public void Run_DemoWithOptions_DeliversMessagesTimesProducers(int messages, int producers, int capacity)
    {
        // Steps: run `edge demo` with the given sizes, including a rendezvous (capacity 0) and a mailbox
        // larger than everything sent.
        // Expected: exit 0; sent = received = messages x producers; every printed line is in sequence, and each
        // producer's readings appear in the order sent, all of them.
        CliResult result = Cli.Run(
            "demo", "--messages", messages.ToString(), "--producers", producers.ToString(), "--capacity", capacity.ToString());

        int total = messages * producers;
        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Output + result.Error);
        Assert.AreEqual(total, DemoOutput.Row(result.Output, "sent"));
        Assert.AreEqual(total, DemoOutput.Row(result.Output, "received"));
        Assert.AreEqual(capacity, DemoOutput.Row(result.Output, "capacity"));
        Assert.Contains($"delivered {total} of {total}, none lost, FIFO per producer held", result.Output);
        DemoOutput.AssertFifoPerProducer(DemoOutput.MessageLines(result.Output), producers, messages);
    }

    [TestMethod]
    public void Run_SlowConsumer_RefusedFullMatchesProducerWaits()
    {
        // Steps: a consumer that works 1 ms per message behind a one-slot mailbox, three producers.
        // Expected: exit 0 and nothing lost. How often the mailbox was full depends on timing, so the test
        // only checks that the mailbox's refused-full count equals the waits the producers report.
        CliResult result = Cli.Run("demo", "--messages", "5", "--producers", "3", "--capacity", "1", "--consumer-delay-ms", "1");

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Output + result.Error);
        Assert.AreEqual(15, DemoOutput.Row(result.Output, "received"));
        Assert.AreEqual(DemoOutput.Row(result.Output, "refused-full"), DemoOutput.ProducerWaits(result.Output, 3));
    }

    [TestMethod]
    [DataRow("--capacity", "-1", "--capacity: must be a whole number from 0 to 1048576; got '-1'.")]
    [DataRow("--capacity", "1048577", "--capacity: must be a whole number from 0 to 1048576; got '1048577'.")]
    [DataRow("--messages", "0", "--messages: must be a whole number from 1 to 1000000; got '0'.")]
    [DataRow("--messages", "abc", "--messages: must be a whole number from 1 to 1000000; got 'abc'.")]
    [DataRow("--producers", "1024", "--producers: must be a whole number from 1 to 1023; got '1024'.")]
    [DataRow("--consumer-delay-ms", "-5", "--consumer-delay-ms: must be a whole number from 0 to 10000; got '-5'.")]
    public void Run_OptionOutOfRange_ExitsTwoNamingValueAndLimits(string option, string value, string expectedError)
    {
        CliResult result = Cli.Run("demo", option, value);

        Assert.AreEqual(ExitCodes.Usage, result.ExitCode);
        Assert.AreEqual("edge: " + expectedError + "\n", result.Error);
        Assert.DoesNotContain("delivered", result.Output);
    }

    [TestMethod]
    public void Run_OptionWithoutValue_ExitsTwo()
    {
        CliResult result = Cli.Run("demo", "--capacity");

        Assert.AreEqual(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--capacity", result.Error);
    }

    [TestMethod]
    public void Run_UnknownOption_ExitsTwoNamingIt()
    {
        CliResult result = Cli.Run("demo", "--mesages", "3");

        Assert.AreEqual(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--mesages", result.Error);
    }

    [TestMethod]
    public void Run_NoCommand_ExitsTwo()
    {
        CliResult result = Cli.Run();

        Assert.AreEqual(ExitCodes.Usage, result.ExitCode);
        Assert.AreEqual("edge: name a command (demo, record, run, send, tap or top); see 'edge --help'.\n", result.Error);
    }

    [TestMethod]
    public void Run_DemoHelp_ExitsZeroListingEveryOption()
    {
        CliResult result = Cli.Run("demo", "--help");

        Assert.AreEqual(ExitCodes.Success, result.ExitCode);
        Assert.Contains("--messages", result.Output);
        Assert.Contains("--producers", result.Output);
        Assert.Contains("--capacity", result.Output);
        Assert.Contains("--consumer-delay-ms", result.Output);
    }
}
