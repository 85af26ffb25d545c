using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
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

    [TestMethod]
    public void Wake_SleepersBit_OnlyAPublishThatFindsASleeperWakes()
    {
        // Steps: send with nobody asleep; then a receiver thread sleeps (its mark set in the futex word); send once,
        // which wakes it; send again with nobody asleep.
        // Expected: only the middle send touches the word: it clears the mark and counts one wake.
        using var name = new MailboxName("sleepers");
        using SharedMailbox mailbox = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = 4, SlotSize = 8 });
        byte[] buffer = new byte[8];
        int quiet = mailbox.DataSignal;
        Assert.AreEqual(IpcStatus.Ok, mailbox.TrySend(1, buffer, 1));
        Assert.AreEqual(quiet, mailbox.DataSignal, "no sleeper, no wake");
        Assert.AreEqual(IpcStatus.Ok, mailbox.TryReceive(buffer, out _));

        var receive = Task.Run(() => mailbox.Receive(new byte[8], out _, Timeout.Infinite));
        Await.Until(() => mailbox.ReceiversWaiting == 1 && (mailbox.DataSignal & SharedRing.Sleepers) != 0, "the receiver asleep");
        int marked = mailbox.DataSignal;
        Assert.AreEqual(IpcStatus.Ok, mailbox.TrySend(1, buffer, 2));
        Assert.IsTrue(receive.Wait(PeerProcess.HangBound), "the receiver never woke");
        Assert.AreEqual(IpcStatus.Ok, receive.Result);
        Assert.AreEqual((marked + 2) & ~SharedRing.Sleepers, mailbox.DataSignal, "the wake clears the mark and counts once");

        int after = mailbox.DataSignal;
        Assert.AreEqual(IpcStatus.Ok, mailbox.TrySend(1, buffer, 3));
        Assert.AreEqual(after, mailbox.DataSignal, "the woken receiver is no longer marked: no second wake");
    }
}
