using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

/// <summary>Runs the built <c>edge</c> program as a real child process: <c>dotnet edge.dll ...</c>.</summary>
[TestClass]
public sealed class EdgeExecutableTests
{
    /// <summary>Bounds a hang only; a run takes well under a second.</summary>
    [TestMethod]
    public void Demo_RealProcess_ExitsZeroAndPrintsVerdict()
    {
        // Steps: start `dotnet edge.dll demo --messages 5 --producers 3` and read its output to the end.
        // Expected: exit 0, the statistics on standard output, nothing on standard error.
        CliResult result = EdgeProcess.Run("demo", "--messages", "5", "--producers", "3");

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Output + result.Error);
        Assert.AreEqual("", result.Error);
        Assert.AreEqual(15, DemoOutput.Row(result.Output, "received"));
        Assert.Contains("delivered 15 of 15, none lost, FIFO per producer held", result.Output);
    }

    [TestMethod]
    public void Demo_RealProcessBadCapacity_ExitsTwoOnStandardError()
    {
        CliResult result = EdgeProcess.Run("demo", "--capacity", "-1");

        Assert.AreEqual(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("edge: --capacity: must be a whole number from 0 to 1048576; got '-1'.", result.Error);
        Assert.AreEqual("", result.Output);
    }
}
