using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

/// <summary>
/// The shared region: whole-record snapshots under concurrent writers, mutual exclusion of writers, waiting
/// for a change, closing, misuse, and no allocation. Tasks come from a runtime built with tasks only; the
/// region is made directly until the layout declares regions.
/// </summary>
[TestClass]
public sealed class SharedRegionTests
{
    // Large enough that a reader often copies while a write is half done: a region without the odd
    // "write in progress" version fails these tests within a few thousand reads.
    private const int RecordBytes = 1024;
    private const int ReadsPerReader = 200_000;

    [StructLayout(LayoutKind.Sequential)]
    private struct Pose
    {
        public int Sequence;
        public double X;
        public double Y;
    }

    private static IpcRuntime Tasks(int count)
    {
        var layout = new IpcLayout();
        for (int i = 1; i <= count; i++)
        {
            layout.AddTask("t" + i);
        }

        return layout.Build(new ManualClock());
    }

    /// <summary>Every 4-byte word of <paramref name="record"/> becomes <paramref name="value"/>.</summary>
    private static void Fill(byte[] record, int value)
    {
        for (int i = 0; i < record.Length; i += 4)
        {
            BitConverter.TryWriteBytes(record.AsSpan(i), value);
        }
    }

    /// <summary>The value every word of <paramref name="bytes"/> holds; a snapshot with two values is torn.</summary>
    private static int Uniform(ReadOnlySpan<byte> bytes, int version)
    {
        int first = BitConverter.ToInt32(bytes);
        for (int i = 4; i < bytes.Length; i += 4)
        {
            int word = BitConverter.ToInt32(bytes.Slice(i));
            if (word != first)
            {
                throw new AssertFailedException($"Torn snapshot at version {version}: word 0 is {first}, word {i / 4} is {word}.");
            }
        }

        return first;
    }

    private static void CheckVersion(int version, ref int last)
    {
        if ((version & 1) != 0 || version < last)
        {
            throw new AssertFailedException($"Snapshot version {version} after {last}: versions must be even and never go back.");
        }

        last = version;
    }

    private static void UntilWaiting(SharedRegion region, int tasks)
    {
        bool reached = SpinWait.SpinUntil(() => region.WaitingTasks == tasks, TestRig.HangTimeoutMs);
        Assert.IsTrue(reached, $"Expected {tasks} tasks waiting for a change; saw {region.WaitingTasks}.");
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void Read_ThreeReadersUnderOneWriter_SeeOnlyWholeRecordsWithRisingEvenVersions()
    {
        // Steps: one writer rewrites a 1,024-byte region without pause, write k setting every 4-byte word to k;
        // once it has written 1,000 records, three readers take 200,000 snapshots each: the whole region into
        // an array, the whole region into a span, and a 128-byte window by single TryRead attempts.
        // Expected: every snapshot is uniform (one write's words only), its version is even and never lower
        // than the reader's previous one, and its words equal version / 2 (write k makes version 2k); the
        // readers saw the region change.
        using IpcRuntime runtime = Tasks(1);
        EdgeTask writer = runtime.GetTask(1);
        var region = new SharedRegion("state", RecordBytes, runtime);
        using var started = new ManualResetEventSlim(false);
        int readersLeft = 3;

        Task<int> writing = TestRig.Run(() =>
        {
            var record = new byte[RecordBytes];
            int k = 0;
            while (Volatile.Read(ref readersLeft) > 0)
            {
                Fill(record, ++k);
                Assert.AreEqual(IpcStatus.Ok, region.Write(writer, record, 0, 0, RecordBytes));
                if (k == 1_000)
                {
                    started.Set();
                }
            }

            return k;
        });

        Func<int, int> read = mode =>
        {
            try
            {
                Assert.IsTrue(started.Wait(TestRig.HangTimeoutMs), "The writer never started (hang bound).");
                return ReadUniformRecords(region, mode);
            }
            finally
            {
                // Also on failure, so that the writer stops.
                Interlocked.Decrement(ref readersLeft);
            }
        };

        Task<int>[] readers = { TestRig.Run(() => read(0)), TestRig.Run(() => read(1)), TestRig.Run(() => read(2)) };
        int seen = 0;
        foreach (Task<int> reader in readers)
        {
            seen += TestRig.Await(reader);
        }

        int writes = TestRig.Await(writing);
        Assert.AreEqual(2 * writes, region.Version);
        Assert.IsTrue(seen > readers.Length, $"The readers saw {seen} versions in all: the region never changed under them.");
        Assert.IsTrue(region.CheckInvariants());
    }

    /// <summary>
    /// Takes <see cref="ReadsPerReader"/> snapshots (mode 0: whole region into an array, 1: into a span, 2: a
    /// 128-byte window by TryRead attempts) and checks each; returns how many times the version changed.
    /// </summary>
    private static int ReadUniformRecords(SharedRegion region, int mode)
    {
        var buffer = new byte[RecordBytes];
        int last = 0;
        int changes = 0;
        for (int i = 0; i < ReadsPerReader; i++)
        {
            int version;
            ReadOnlySpan<byte> snapshot;
            if (mode == 0)
            {
                version = region.Read(buffer, 0, 0, RecordBytes);
                snapshot = buffer;
            }
            else if (mode == 1)
            {
                version = region.Read(buffer.AsSpan(), 0);
                snapshot = buffer;
            }
            else
            {
                while (!region.TryRead(buffer, 0, 64, 128, out version))
                {
                    // A write overlapped the attempt: its bytes are discarded, never checked.
                }

                snapshot = buffer.AsSpan(0, 128);
            }

            changes += version != last ? 1 : 0;
            CheckVersion(version, ref last);
            int value = Uniform(snapshot, version);
            if (value != version / 2)
            {
                throw new AssertFailedException($"Snapshot version {version} holds write {value}, not write {version / 2}.");
            }
        }

        return changes;
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void Write_TwoConcurrentWriters_NeverInterleave()
    {
        // Steps: two writers rewrite the same 1,024-byte region without pause, one with positive counters in
        // every word, the other with negative ones; two readers take 200,000 whole-region snapshots each.
        // Expected: no snapshot mixes the two writers' words (or two writes of one writer), versions are even
        // and never go back per reader, no write is lost (final version = 2 x all writes), and the final
        // contents are one whole record.
        using IpcRuntime runtime = Tasks(2);
        var region = new SharedRegion("state", RecordBytes, runtime);
        using var started = new ManualResetEventSlim(false);
        int readersLeft = 2;
        int writersStarted = 0;

        Func<EdgeTask, int, Task<int>> write = (self, sign) => TestRig.Run(() =>
        {
            var record = new byte[RecordBytes];
            int k = 0;
            while (Volatile.Read(ref readersLeft) > 0)
            {
                Fill(record, sign * ++k);
                Assert.AreEqual(IpcStatus.Ok, region.Write(self, record, 0, 0, RecordBytes));
                if (k == 1_000 && Interlocked.Increment(ref writersStarted) == 2)
                {
                    started.Set();
                }
            }

            return k;
        });

        Func<Task> read = () => TestRig.Run(() =>
        {
            try
            {
                Assert.IsTrue(started.Wait(TestRig.HangTimeoutMs), "The writers never started (hang bound).");
                var buffer = new byte[RecordBytes];
                int last = 0;
                for (int i = 0; i < ReadsPerReader; i++)
                {
                    int version = region.Read(buffer, 0, 0, RecordBytes);
                    CheckVersion(version, ref last);
                    Uniform(buffer, version);
                }
            }
            finally
            {
                // Also on failure, so that the writers stop.
                Interlocked.Decrement(ref readersLeft);
            }
        });

        Task<int> positive = write(runtime.GetTask(1), 1);
        Task<int> negative = write(runtime.GetTask(2), -1);
        Task[] readers = { read(), read() };
        foreach (Task reader in readers)
        {
            TestRig.Await(reader);
        }

        int writes = TestRig.Await(positive) + TestRig.Await(negative);
        Assert.AreEqual(2 * writes, region.Version);
        var final = new byte[RecordBytes];
        Uniform(final, region.Read(final, 0, 0, RecordBytes));
        Assert.IsTrue(region.CheckInvariants());
    }

    [TestMethod]
    public void Write_PartialRange_ChangesOnlyThatRangeAndAddsTwoToTheVersion()
    {
        using IpcRuntime runtime = Tasks(1);
        EdgeTask self = runtime.GetTask(1);
        var region = new SharedRegion("state", 16, runtime);
        var source = new byte[] { 9, 1, 2, 3, 9 };

        Assert.AreEqual(0, region.Version);
        Assert.AreEqual(IpcStatus.Ok, region.Write(self, source, 1, 4, 3));

        var all = new byte[16];
        Assert.AreEqual(2, region.Read(all, 0, 0, 16));
        CollectionAssert.AreEqual(new byte[] { 0, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, all);
        Assert.AreEqual(self.Id, region.LastWriterId);

        var window = new byte[4];
        Assert.IsTrue(region.TryRead(window, 1, 5, 2, out int version));
        Assert.AreEqual(2, version);
        CollectionAssert.AreEqual(new byte[] { 0, 2, 3, 0 }, window);
    }

    [TestMethod]
    public void Post_FromNoTask_WritesWithWriterIdZero()
    {
        using IpcRuntime runtime = Tasks(1);
        var region = new SharedRegion("state", 8, runtime);
        region.Write(runtime.GetTask(1), new byte[] { 1 }, 0, 0, 1);

        Assert.AreEqual(IpcStatus.Ok, region.Post(new byte[] { 7, 8 }, 0, 6, 2));

        var all = new byte[8];
        Assert.AreEqual(4, region.Read(all, 0, 0, 8));
        CollectionAssert.AreEqual(new byte[] { 1, 0, 0, 0, 0, 0, 7, 8 }, all);
        Assert.AreEqual(0, region.LastWriterId);
    }

    [TestMethod]
    public void Write_ZeroBytes_AddsTwoToTheVersionAndKeepsTheData()
    {
        using IpcRuntime runtime = Tasks(1);
        var region = new SharedRegion("state", 4, runtime);
        region.Write(runtime.GetTask(1), new byte[] { 5, 6, 7, 8 }, 0, 0, 4);

        Assert.AreEqual(IpcStatus.Ok, region.Write(runtime.GetTask(1), Array.Empty<byte>(), 0, 4, 0));

        var all = new byte[4];
        Assert.AreEqual(4, region.Read(all, 0, 0, 4));
        CollectionAssert.AreEqual(new byte[] { 5, 6, 7, 8 }, all);
    }

    [TestMethod]
    public void WriteT_ReadT_RoundTripsTheStructAtAnOffset()
    {
        using IpcRuntime runtime = Tasks(1);
        var region = new SharedRegion("pose", 64, runtime);
        var sent = new Pose { Sequence = 3, X = 1.5, Y = -2.25 };

        Assert.AreEqual(IpcStatus.Ok, region.Write(runtime.GetTask(1), in sent, 8));
        Assert.AreEqual(IpcStatus.Ok, region.Post(in sent, 40));

        Assert.AreEqual(4, region.Read(8, out Pose got));
        Assert.AreEqual(sent, got);
        ArgumentOutOfRangeException error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => region.Read(64 - 8, out Pose _));
        StringAssert.Contains(error.Message, "Count " + Marshal.SizeOf<Pose>());
        StringAssert.Contains(error.Message, "size 64");
    }

    [TestMethod]
    public void WaitForChange_WriteAfterTheWaiterParks_ReturnsOk()
    {
        // Steps: a task waits, without a timeout, for the region to change from its current version; once it
        // is parked, another task writes.
        // Expected: the waiter returns Ok and the version it now reads differs from the one it knew.
        using IpcRuntime runtime = Tasks(2);
        EdgeTask waiter = runtime.GetTask(1);
        var region = new SharedRegion("state", 8, runtime);
        int known = region.Version;

        Task<IpcStatus> waiting = TestRig.Run(() => region.WaitForChange(waiter, known, Timeout.Infinite));
        UntilWaiting(region, 1);
        region.Write(runtime.GetTask(2), new byte[] { 1 }, 0, 0, 1);

        Assert.AreEqual(IpcStatus.Ok, TestRig.Await(waiting));
        Assert.AreNotEqual(known, region.Version);
        Assert.AreEqual(0, region.WaitingTasks);
        Assert.IsTrue(region.CheckInvariants());
    }

    [TestMethod]
    public void WaitForChange_ThreeParkedWaiters_AllWakeOnOneWrite()
    {
        // Steps: three tasks wait for a change from version 0 (two without a timeout, one with a long one);
        // once all three are parked, a post writes.
        // Expected: all three return Ok; nobody is left waiting.
        using IpcRuntime runtime = Tasks(3);
        var region = new SharedRegion("state", 8, runtime);
        Task<IpcStatus>[] waiters =
        {
            TestRig.Run(() => region.WaitForChange(runtime.GetTask(1), 0, Timeout.Infinite)),
            TestRig.Run(() => region.WaitForChange(runtime.GetTask(2), 0, Timeout.Infinite)),
            TestRig.Run(() => region.WaitForChange(runtime.GetTask(3), 0, TestRig.HangTimeoutMs)),
        };
        UntilWaiting(region, 3);

        region.Post(new byte[] { 1 }, 0, 0, 1);

        foreach (Task<IpcStatus> waiter in waiters)
        {
            Assert.AreEqual(IpcStatus.Ok, TestRig.Await(waiter));
        }

        Assert.AreEqual(0, region.WaitingTasks);
    }

    [TestMethod]
    public void WaitForChange_NoWrite_TimesOutAndLeavesNoWaiter()
    {
        using IpcRuntime runtime = Tasks(1);
        EdgeTask self = runtime.GetTask(1);
        var region = new SharedRegion("state", 8, runtime);

        Assert.AreEqual(IpcStatus.TimedOut, region.WaitForChange(self, 0, 0));
        Assert.AreEqual(IpcStatus.TimedOut, region.WaitForChange(self, 0, 20));

        Assert.AreEqual(0, region.WaitingTasks);
        Assert.IsTrue(region.CheckInvariants());

        // The task's wait state was reset: the next wait works as usual.
        region.Post(new byte[] { 1 }, 0, 0, 1);
        Assert.AreEqual(IpcStatus.Ok, region.WaitForChange(self, 0, 20));
    }

    [TestMethod]
    public void WaitForChange_VersionAlreadyDiffers_ReturnsOkAtOnce()
    {
        // Steps: a write happens first; then a task waits, without a timeout, for a change from version 0,
        // and from an odd version no snapshot ever has (on its own thread, so a wrong wait hits the hang bound).
        // Expected: both return Ok without parking.
        using IpcRuntime runtime = Tasks(1);
        EdgeTask self = runtime.GetTask(1);
        var region = new SharedRegion("state", 8, runtime);
        region.Post(new byte[] { 1 }, 0, 0, 1);

        Assert.AreEqual(IpcStatus.Ok, TestRig.Await(TestRig.Run(() => region.WaitForChange(self, 0, Timeout.Infinite))));
        Assert.AreEqual(IpcStatus.Ok, TestRig.Await(TestRig.Run(() => region.WaitForChange(self, 1, Timeout.Infinite))));
        Assert.AreEqual(IpcStatus.Ok, region.WaitForChange(self, 0, 0));
    }

    [TestMethod]
    public void Close_WithAParkedWaiter_WakesItWithClosedAndFreezesTheContents()
    {
        // Steps: a task waits for a change from the current version; once it is parked, the region closes.
        // Then a write, a read, and waits from the current and from an older version.
        // Expected: the waiter returns Closed; the write is refused with Closed and changes nothing; the read
        // returns the last snapshot; a wait from the current version returns Closed at once, from an older
        // one Ok (a change the caller has not seen).
        using IpcRuntime runtime = Tasks(2);
        EdgeTask waiter = runtime.GetTask(1);
        EdgeTask writer = runtime.GetTask(2);
        var region = new SharedRegion("state", 4, runtime);
        region.Write(writer, new byte[] { 1, 2, 3, 4 }, 0, 0, 4);
        int known = region.Version;

        Task<IpcStatus> waiting = TestRig.Run(() => region.WaitForChange(waiter, known, Timeout.Infinite));
        UntilWaiting(region, 1);
        region.Close();
        region.Close();

        Assert.AreEqual(IpcStatus.Closed, TestRig.Await(waiting));
        Assert.IsTrue(region.IsClosed);
        Assert.AreEqual(IpcStatus.Closed, region.Write(writer, new byte[] { 9, 9, 9, 9 }, 0, 0, 4));
        Assert.AreEqual(IpcStatus.Closed, region.Post(new byte[] { 9 }, 0, 0, 1));
        var all = new byte[4];
        Assert.AreEqual(known, region.Read(all, 0, 0, 4));
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 4 }, all);
        Assert.AreEqual(IpcStatus.Closed, region.WaitForChange(waiter, known, Timeout.Infinite));
        Assert.AreEqual(IpcStatus.Ok, region.WaitForChange(waiter, 0, Timeout.Infinite));
        Assert.IsTrue(region.CheckInvariants());
    }

    [TestMethod]
    public void WaitForChange_TaskAlreadyWaitingOnAnotherThread_Throws()
    {
        // Steps: a task parks in WaitForChange; a second thread waits as the same task.
        // Expected: the second wait throws naming the task; a write then releases the first.
        using IpcRuntime runtime = Tasks(1);
        EdgeTask self = runtime.GetTask(1);
        var region = new SharedRegion("state", 4, runtime);
        Task<IpcStatus> first = TestRig.Run(() => region.WaitForChange(self, 0, Timeout.Infinite));
        UntilWaiting(region, 1);

        InvalidOperationException error = Assert.ThrowsExactly<InvalidOperationException>(() => region.WaitForChange(self, 0, 1));

        StringAssert.Contains(error.Message, self.Name);
        Assert.AreEqual(1, region.WaitingTasks);
        region.Post(new byte[] { 1 }, 0, 0, 1);
        Assert.AreEqual(IpcStatus.Ok, TestRig.Await(first));
    }

    [TestMethod]
    public void Write_BadArguments_ThrowNamingValueAndLimitAndWriteNothing()
    {
        using IpcRuntime runtime = Tasks(1);
        EdgeTask self = runtime.GetTask(1);
        var region = new SharedRegion("state", 16, runtime);
        var source = new byte[8];

        Assert.AreEqual("writer", Assert.ThrowsExactly<ArgumentNullException>(() => region.Write(null!, source, 0, 0, 8)).ParamName);
        Assert.AreEqual("source", Assert.ThrowsExactly<ArgumentNullException>(() => region.Write(self, null!, 0, 0, 8)).ParamName);
        Assert.AreEqual("source", Assert.ThrowsExactly<ArgumentNullException>(() => region.Post(null!, 0, 0, 8)).ParamName);

        ArgumentOutOfRangeException offset = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => region.Write(self, source, 9, 0, 0));
        Assert.AreEqual("sourceOffset", offset.ParamName);
        StringAssert.Contains(offset.Message, "Offset 9");
        StringAssert.Contains(offset.Message, "length 8");

        ArgumentOutOfRangeException count = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => region.Write(self, source, 4, 0, 5));
        Assert.AreEqual("count", count.ParamName);
        StringAssert.Contains(count.Message, "Count 5 at offset 4");

        ArgumentOutOfRangeException where = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => region.Write(self, source, 0, 17, 0));
        Assert.AreEqual("regionOffset", where.ParamName);
        StringAssert.Contains(where.Message, "17");
        StringAssert.Contains(where.Message, "size 16");

        ArgumentOutOfRangeException past = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => region.Post(source, 0, 12, 8));
        Assert.AreEqual("count", past.ParamName);
        StringAssert.Contains(past.Message, "Count 8 at region offset 12");
        StringAssert.Contains(past.Message, "size 16");

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => region.Write(self, source, 0, -1, 1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => region.Write(self, source, 0, 0, -1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => region.Write(self, new byte[32].AsSpan(), 0));
        Assert.AreEqual(0, region.Version);
    }

    [TestMethod]
    public void Read_BadArguments_ThrowNamingValueAndLimit()
    {
        using IpcRuntime runtime = Tasks(1);
        var region = new SharedRegion("state", 16, runtime);
        var destination = new byte[8];

        Assert.AreEqual("destination", Assert.ThrowsExactly<ArgumentNullException>(() => region.Read(null!, 0, 0, 8)).ParamName);
        Assert.AreEqual("destination", Assert.ThrowsExactly<ArgumentNullException>(() => region.TryRead(null!, 0, 0, 8, out _)).ParamName);

        ArgumentOutOfRangeException offset = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => region.Read(destination, -1, 0, 1));
        Assert.AreEqual("destinationOffset", offset.ParamName);
        StringAssert.Contains(offset.Message, "Offset -1");
        StringAssert.Contains(offset.Message, "length 8");

        ArgumentOutOfRangeException count = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => region.Read(destination, 0, 0, 9));
        Assert.AreEqual("count", count.ParamName);
        StringAssert.Contains(count.Message, "Count 9");
        StringAssert.Contains(count.Message, "length 8");

        ArgumentOutOfRangeException past = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => region.TryRead(destination, 0, 10, 8, out _));
        StringAssert.Contains(past.Message, "Count 8 at region offset 10");
        StringAssert.Contains(past.Message, "size 16");

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => region.Read(new byte[32].AsSpan(), 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => region.Read(new byte[4].AsSpan(), 13));
    }

    [TestMethod]
    public void WaitForChange_BadArguments_Throw()
    {
        using IpcRuntime runtime = Tasks(1);
        var region = new SharedRegion("state", 16, runtime);

        Assert.AreEqual("waiter", Assert.ThrowsExactly<ArgumentNullException>(() => region.WaitForChange(null!, 0, 0)).ParamName);
        ArgumentOutOfRangeException timeout = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => region.WaitForChange(runtime.GetTask(1), 0, -2));
        Assert.AreEqual("timeoutMs", timeout.ParamName);
        StringAssert.Contains(timeout.Message, "-2");
    }

    [TestMethod]
    public void ValidateSize_OutOfRange_ThrowsNamingSizeAndLimit()
    {
        ArgumentOutOfRangeException zero = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => SharedRegion.ValidateSize("state", 0));
        Assert.AreEqual("size", zero.ParamName);
        StringAssert.Contains(zero.Message, "'state'");
        StringAssert.Contains(zero.Message, "got 0");
        StringAssert.Contains(zero.Message, SharedRegion.MaxSize.ToString());

        ArgumentOutOfRangeException big = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => SharedRegion.ValidateSize("state", SharedRegion.MaxSize + 1));
        StringAssert.Contains(big.Message, "got " + (SharedRegion.MaxSize + 1));

        SharedRegion.ValidateSize("state", 1);
        SharedRegion.ValidateSize("state", SharedRegion.MaxSize);
        Assert.AreEqual(SharedRegion.MaxSize + SharedRegion.HeaderBytes, SharedRegion.ComputeReservedBytes(SharedRegion.MaxSize));
    }

    [TestMethod]
    public void Operations_HundredThousand_AllocateNothing()
    {
        using IpcRuntime runtime = Tasks(1);
        EdgeTask self = runtime.GetTask(1);
        var region = new SharedRegion("state", RecordBytes, runtime);
        var record = new byte[RecordBytes];
        var snapshot = new byte[RecordBytes];
        Span<byte> stackSnapshot = stackalloc byte[64];
        var pose = new Pose { Sequence = 1, X = 2, Y = 3 };

        long before = -1;
        for (int pass = 0; pass < 2; pass++)
        {
            // The first pass warms up (JIT, lazily created kernel objects); the second is measured.
            before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100_000; i++)
            {
                region.Write(self, record, 0, 0, RecordBytes);
                int version = region.Read(snapshot, 0, 0, RecordBytes);
                region.TryRead(snapshot, 0, 0, RecordBytes, out _);
                region.Post(record, 0, 0, 16);
                region.WaitForChange(self, version, 0);
                region.WaitForChange(self, region.Version, 0);
                region.Write(self, in pose, 64);
                region.Read(64, out Pose _);
                region.Read(stackSnapshot, 128);
                region.TryRead(stackSnapshot, 128, out _);
            }

            for (int i = 0; i < 20; i++)
            {
                Assert.AreEqual(IpcStatus.TimedOut, region.WaitForChange(self, region.Version, 1));
            }
        }

        Assert.AreEqual(0L, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void WaitForChange_PingPongHundredThousandWakeUps_AllocatesNothingOnEitherThread()
    {
        // Steps: two tasks bounce a counter through two regions: each writes its region, then waits for the
        // other's to change, so both park on almost every round; each thread counts its own allocations after
        // a warm-up.
        // Expected: every wait returns Ok, and zero bytes on both threads.
        using IpcRuntime runtime = Tasks(2);
        EdgeTask ping = runtime.GetTask(1);
        EdgeTask pong = runtime.GetTask(2);
        var request = new SharedRegion("request", 4, runtime);
        var reply = new SharedRegion("reply", 4, runtime);
        const int warmUp = 1_000;
        const int rounds = 100_000;

        Task<long> echo = TestRig.Run(() =>
        {
            var bytes = new byte[4];
            int seen = 0;
            long start = 0;
            for (int i = 0; i < warmUp + rounds; i++)
            {
                if (i == warmUp)
                {
                    start = GC.GetAllocatedBytesForCurrentThread();
                }

                if (WaitChanged(request, pong, seen) != IpcStatus.Ok)
                {
                    throw new AssertFailedException("The echo's wait did not complete.");
                }

                seen = request.Read(bytes, 0, 0, 4);
                reply.Write(pong, bytes, 0, 0, 4);
            }

            return GC.GetAllocatedBytesForCurrentThread() - start;
        });

        var message = new byte[4];
        int replied = 0;
        long mine = 0;
        for (int i = 0; i < warmUp + rounds; i++)
        {
            if (i == warmUp)
            {
                mine = GC.GetAllocatedBytesForCurrentThread();
            }

            request.Write(ping, message, 0, 0, 4);
            Assert.AreEqual(IpcStatus.Ok, WaitChanged(reply, ping, replied));
            replied = reply.Version;
        }

        mine = GC.GetAllocatedBytesForCurrentThread() - mine;
        Assert.AreEqual(0L, mine);
        Assert.AreEqual(0L, TestRig.Await(echo));
        Assert.AreEqual(2 * (warmUp + rounds), reply.Version);
    }

    private static IpcStatus WaitChanged(SharedRegion region, EdgeTask self, int known) =>
        region.WaitForChange(self, known, TestRig.HangTimeoutMs);
}
