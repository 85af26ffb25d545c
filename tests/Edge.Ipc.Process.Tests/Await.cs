using System;
using System.Diagnostics;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Process.Tests;

/// <summary>Waits for a condition another process brings about, yielding between looks; the bound only catches a hang.</summary>
internal static class Await
{
    internal static void Until(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > PeerProcess.HangBound)
            {
                Assert.Fail("Never happened: " + what);
            }

            Thread.Yield();
        }
    }
}
