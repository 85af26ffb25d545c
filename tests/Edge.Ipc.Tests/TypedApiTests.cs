using System;
using System.Runtime.InteropServices;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

[TestClass]
public sealed class TypedApiTests
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Reading
    {
        public int Channel;
        public double Value;
    }

    [TestMethod]
    public void SendT_ReceiveT_RoundTripsTheStruct()
    {
        using IpcRuntime runtime = TestRig.Build(1, 2, 32);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        var sent = new Reading { Channel = 7, Value = -3.25 };

        Assert.AreEqual(IpcStatus.Ok, box.Send(self, in sent, 5, 0));
        Assert.AreEqual(IpcStatus.Ok, box.Receive(self, out Reading got, out MessageInfo info, 0));

        Assert.AreEqual(sent, got);
        Assert.AreEqual(Marshal.SizeOf<Reading>(), info.Length);
        Assert.AreEqual(5, info.Tag);
    }

    [TestMethod]
    public void ReceiveT_SlotSmallerThanStruct_ThrowsBeforeTakingAnything()
    {
        using IpcRuntime runtime = TestRig.Build(1, 2, 4);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        box.TrySend(self, new byte[4], 0, 4, 0);

        ArgumentException error = Assert.ThrowsExactly<ArgumentException>(() => box.Receive(self, out Reading _, out _, 0));

        StringAssert.Contains(error.Message, "Reading");
        Assert.AreEqual(1, box.GetStatistics().Depth);
    }

    [TestMethod]
    public void ReceiveT_LongerMessage_IsCutAndReportsSentLength()
    {
        using IpcRuntime runtime = TestRig.Build(1, 2, 64);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        var payload = new byte[40];
        BitConverter.TryWriteBytes(payload, 11);

        box.TrySend(self, payload, 0, 40, 0);
        Assert.AreEqual(IpcStatus.Ok, box.Receive(self, out Reading got, out MessageInfo info, 0));

        Assert.AreEqual(11, got.Channel);
        Assert.AreEqual(40, info.Length);
    }

    [TestMethod]
    public void SpanForms_MatchArrayForms()
    {
        using IpcRuntime runtime = TestRig.Build(1, 2, 16);
        Mailbox box = runtime.GetMailbox("box");
        EdgeTask self = runtime.GetTask(1);
        ReadOnlySpan<byte> payload = [1, 2, 3];
        Span<byte> dest = stackalloc byte[16];

        Assert.AreEqual(IpcStatus.Ok, box.Send(self, payload, 9, 0));
        Assert.AreEqual(IpcStatus.Ok, box.Receive(self, dest, out MessageInfo info, 0));

        Assert.AreEqual(3, info.Length);
        Assert.IsTrue(dest[..3].SequenceEqual(payload));
        Assert.AreEqual(IpcStatus.Empty, box.Receive(self, dest, out _, 0));
        Assert.ThrowsExactly<ArgumentException>(() => box.Send(self, new byte[17].AsSpan(), 0, 0));
    }
}
