using System.Threading;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Systematic;

/// <summary>The shared region's seqlock and its change notification.</summary>
[TestClass]
public sealed class SharedRegionTests
{
    /// <summary>
    /// Steps: t2 writes the 8-byte region twice, each time two equal ints (1, 1) then (2, 2); t1 reads, then
    /// waits for a change with no timeout and reads again, until it has seen (2, 2).
    /// Expected: every read is a whole write (both halves equal: no torn read) and carries that write's version
    /// (0, 2, 4 for the initial zeros and writes 1 and 2: a snapshot labelled with another version is the torn
    /// read Coyote can see, since it does not interleave inside a copy), values never go back, each
    /// WaitForChange returns Ok (a write is never missed; a missed one would leave t1 blocked, which Coyote
    /// reports as a deadlock); the final version is 4; nobody is left waiting.
    /// </summary>
    internal static void WriterAgainstWaitingReader()
    {
        var layout = new IpcLayout();
        layout.AddTask("t1").AddTask("t2");
        layout.AddSharedRegion("r", 8);
        using IpcRuntime runtime = layout.Build(new ManualClock());
        SharedRegion region = runtime.GetSharedRegion("r");
        EdgeTask reader = runtime.GetTask("t1");
        EdgeTask writer = runtime.GetTask("t2");
        bool consistent = true;
        bool labelled = true;
        bool monotonic = true;
        IpcStatus waited = IpcStatus.Ok;
        Thread rx = Rig.Start(() =>
        {
            var snapshot = new byte[8];
            int seen = 0;
            while (true)
            {
                int version = region.Read(snapshot, 0, 0, 8);
                int low = System.BitConverter.ToInt32(snapshot, 0);
                int high = System.BitConverter.ToInt32(snapshot, 4);
                consistent &= low == high;
                labelled &= version == 2 * low;
                monotonic &= low >= seen;
                seen = low;
                if (seen == 2)
                {
                    return;
                }

                IpcStatus status = region.WaitForChange(reader, version, Timeout.Infinite);
                if (status != IpcStatus.Ok)
                {
                    waited = status;
                    return;
                }
            }
        });
        Thread tx = Rig.Start(() =>
        {
            for (int value = 1; value <= 2; value++)
            {
                var pair = new byte[8];
                System.BitConverter.GetBytes(value).CopyTo(pair, 0);
                System.BitConverter.GetBytes(value).CopyTo(pair, 4);
                Rig.Check(region.Write(writer, pair, 0, 0, 8) == IpcStatus.Ok, "write " + value);
            }
        });
        Rig.JoinAll(rx, tx);

        Rig.Check(consistent, "a read saw part of one write and part of another");
        Rig.Check(labelled, "a read returned a version other than that of the write it copied");
        Rig.Check(monotonic, "a read saw an older write after a newer one");
        Rig.Check(waited == IpcStatus.Ok, "WaitForChange: " + waited);
        Rig.Equal(4, region.Version, "version after two writes");
        Rig.Equal(writer.Id, region.LastWriterId, "last writer");
    }

    [TestMethod]
    public void SharedRegion_WriterAgainstWaitingReader_NoTornReadNoMissedWrite() =>
        Explorer.AssertNoBug("Region", 2000, WriterAgainstWaitingReader);

    [TestMethod]
    public void BrokenSeqlock_NoOddMarker_MislabelledSnapshotFound() =>
        Explorer.AssertBugFound(Fault.SeqlockNoOddMarker, "Region", WriterAgainstWaitingReader);

    [TestMethod]
    public void BrokenSeqlock_OddAccepted_MislabelledSnapshotFound() =>
        Explorer.AssertBugFound(Fault.SeqlockOddAccepted, "Region", WriterAgainstWaitingReader);
}
