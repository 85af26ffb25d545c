using System;
using System.Runtime.InteropServices;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Process.Tests;

[TestClass]
public sealed class FutexTests
{
    [TestMethod]
    public void SyscallNumber_RunningArchitecture_IsThatArchitecturesFutex()
    {
        // EDGE_EXPECT_ARCH (set by the emulated arm64 run in CI) proves the run really is that architecture.
        string? expected = Environment.GetEnvironmentVariable("EDGE_EXPECT_ARCH");
        if (expected != null)
        {
            Assert.AreEqual(expected, RuntimeInformation.ProcessArchitecture.ToString());
        }

        long number = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 202,
            Architecture.Arm64 => 98,
            _ => 240,
        };
        Assert.AreEqual(number, (long)Futex.SyscallNumber);
    }
}
