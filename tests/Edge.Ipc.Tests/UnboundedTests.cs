using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

[TestClass]
public sealed class UnboundedTests
{
    private static IpcRuntime Build(int ceiling) =>
        new IpcLayout().AddTask("a").AddTask("b").AddUnboundedBuffer("u", 4, 8, ceiling).Build(new ManualClock());

    private static List<int> Drain(BoundedBuffer buffer, EdgeTask self)
    {
        var values = new List<int>();
        var dest = new byte[8];
        while (buffer.TryReceive(self, dest, out _) == IpcStatus.Ok)
        {
            values.Add(TestRig.Int(dest));
        }

        return values;
    }

    [TestMethod]
    public void Send_BeyondSegment_NeverWaitsAndKeepsFifo()
    {
        using IpcRuntime runtime = Build(0);
        BoundedBuffer buffer = runtime.GetBuffer("u");
        EdgeTask a = runtime.GetTask("a");
        var expected = new List<int>();

        for (int i = 0; i < 1000; i++)
        {
            Assert.AreEqual(IpcStatus.Ok, buffer.TrySend(a, TestRig.Bytes(i), 0, 4, 0));
            expected.Add(i);
        }

        Assert.IsFalse(buffer.IsStatic);
        Assert.AreEqual(1000, buffer.GetStatistics().Depth);
        Assert.AreEqual(1000, buffer.GetStatistics().HighWater);
        Assert.IsTrue(buffer.CheckInvariants());
        CollectionAssert.AreEqual(expected, Drain(buffer, a));
        Assert.AreEqual(0, buffer.GetStatistics().Depth);
    }

    [TestMethod]
    public void Send_InterleavedWithReceives_KeepsFifoAcrossSegments()
    {
        using IpcRuntime runtime = Build(0);
        BoundedBuffer buffer = runtime.GetBuffer("u");
        EdgeTask a = runtime.GetTask("a");
        var dest = new byte[8];
        int next = 0;
        int expect = 0;
        for (int round = 0; round < 50; round++)
        {
            for (int i = 0; i < 7; i++)
            {
                buffer.TrySend(a, TestRig.Bytes(next++), 0, 4, 0);
            }

            for (int i = 0; i < 5; i++)
            {
                Assert.AreEqual(IpcStatus.Ok, buffer.TryReceive(a, dest, out _));
                Assert.AreEqual(expect++, TestRig.Int(dest));
            }
        }

        Assert.IsTrue(buffer.CheckInvariants());
        foreach (int value in Drain(buffer, a))
        {
            Assert.AreEqual(expect++, value);
        }

        Assert.AreEqual(next, expect);
    }

    [TestMethod]
    public void Send_AtCeiling_IsRefusedWithStatusAndPostIsCounted()
    {
        using IpcRuntime runtime = Build(10);
        BoundedBuffer buffer = runtime.GetBuffer("u");
        EdgeTask a = runtime.GetTask("a");
        for (int i = 0; i < 10; i++)
        {
            Assert.AreEqual(IpcStatus.Ok, buffer.TrySend(a, TestRig.Bytes(i), 0, 4, 0));
        }

        Assert.AreEqual(IpcStatus.Full, buffer.TrySend(a, TestRig.Bytes(10), 0, 4, 0));
        Assert.AreEqual(IpcStatus.TimedOut, buffer.Send(a, TestRig.Bytes(10), 0, 4, 0, 5));
        Assert.AreEqual(IpcStatus.Full, buffer.Post(TestRig.Bytes(10), 0, 4, 0));

        BufferStatistics s = buffer.GetStatistics();
        Assert.AreEqual(10, s.Depth);
        Assert.AreEqual(1, s.RefusedFull);
        Assert.AreEqual(1, s.Dropped);
        Assert.AreEqual(10, buffer.Ceiling);
    }

    [TestMethod]
    public void Send_AtCeiling_BlockedSenderIsAdmittedByAReceive()
    {
        using IpcRuntime runtime = Build(6);
        BoundedBuffer buffer = runtime.GetBuffer("u");
        EdgeTask a = runtime.GetTask("a");
        for (int i = 0; i < 6; i++)
        {
            buffer.TrySend(a, TestRig.Bytes(i), 0, 4, 0);
        }

        Task<IpcStatus> blocked = TestRig.Run(() => buffer.Send(runtime.GetTask("b"), TestRig.Bytes(6), 0, 4, 0, Timeout.Infinite));
        TestRig.UntilParked(buffer, 1, 0);
        Assert.AreEqual(IpcStatus.Ok, buffer.TryReceive(a, new byte[8], out _));

        Assert.AreEqual(IpcStatus.Ok, TestRig.Await(blocked));
        CollectionAssert.AreEqual(new[] { 1, 2, 3, 4, 5, 6 }, Drain(buffer, a));
    }

    [TestMethod]
    public void SendUrgent_WithSpilledMessages_GoesFirstAndKeepsTheRestInOrder()
    {
        using IpcRuntime runtime = Build(0);
        BoundedBuffer buffer = runtime.GetBuffer("u");
        EdgeTask a = runtime.GetTask("a");
        for (int i = 0; i < 9; i++)
        {
            buffer.TrySend(a, TestRig.Bytes(i), 0, 4, 0);
        }

        Assert.AreEqual(IpcStatus.Ok, buffer.SendUrgent(a, TestRig.Bytes(99), 0, 4, 0, 0));

        CollectionAssert.AreEqual(new[] { 99, 0, 1, 2, 3, 4, 5, 6, 7, 8 }, Drain(buffer, a));
    }

    [TestMethod]
    public void Build_UnboundedBuffer_ReservesOnlyItsFirstSegment()
    {
        IpcLayout layout = new IpcLayout().AddUnboundedBuffer("u", 4, 8);

        Assert.AreEqual(4 * (8 + BoundedBuffer.HeaderBytes), layout.RequiredBytes);
        Assert.ThrowsExactly<System.ArgumentOutOfRangeException>(() => new IpcLayout().AddUnboundedBuffer("x", 4, 8, 3));
    }
}
