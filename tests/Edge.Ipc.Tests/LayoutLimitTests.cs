using System;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

/// <summary>
/// A layout's bytes are summed in 64 bits, and a declaration that would bring them past
/// <see cref="IpcLayout.MaxLayoutBytes"/> is refused, naming itself, its bytes and the total, and leaves the
/// layout as it was. Nothing here is built: the layouts would reserve gigabytes.
/// </summary>
[TestClass]
public sealed class LayoutLimitTests
{
    private const string Limit = "; a layout holds at most 2147483647 bytes (IpcLayout.MaxLayoutBytes).";

    // 32,752 slots of 64 KiB: 2,147,483,136 bytes, just under the limit.
    private const int NearCapacity = 32_752;
    private const long NearBytes = 32_752L * (IpcLayout.MaxSlotSize + BoundedBuffer.HeaderBytes);

    [TestMethod]
    public void AddTask_WhoseTransferAreaPassesTheLimit_IsRefusedAndTheTotalStaysExact()
    {
        // Steps: a mailbox of 32,752 × 65,536-byte slots (2,147,483,136 bytes), then one task, whose transfer
        // area is one largest slot (65,536 bytes).
        // Expected: the task is refused with InvalidOperationException naming it, its 65,536 bytes and the total
        // 2,147,548,672; RequiredBytes stays 2,147,483,136 (it used to wrap to a negative number), no task added.
        var layout = new IpcLayout().AddMailbox("big", NearCapacity, IpcLayout.MaxSlotSize);
        Assert.AreEqual(NearBytes, layout.RequiredBytes);

        InvalidOperationException error = Assert.ThrowsExactly<InvalidOperationException>(() => layout.AddTask("t"));

        Assert.AreEqual("Cannot declare task 't': it needs 65536 bytes, which would bring the layout to 2147548672 bytes" + Limit, error.Message);
        Assert.AreEqual(NearBytes, layout.RequiredBytes);
        Assert.AreEqual(0, layout.Tasks.Count);
    }

    [TestMethod]
    public void AddMailbox_OverTheLimitWithATask_CountsTheTaskAreaItGrows()
    {
        // Steps: one task (transfer area 1 byte so far), then a mailbox of 32,756 × 65,536-byte slots.
        // Expected: refused with ArgumentOutOfRangeException (capacity) naming the mailbox and the bytes it adds:
        // its 2,147,745,408 bytes of slots plus the 65,535 bytes the task's transfer area grows by.
        var layout = new IpcLayout().AddTask("t");

        ArgumentOutOfRangeException error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => layout.AddMailbox("big", 32_756, IpcLayout.MaxSlotSize));

        Assert.AreEqual("capacity", error.ParamName);
        StringAssert.StartsWith(error.Message, "Cannot declare mailbox 'big': it needs 2147810943 bytes, which would bring the layout to 2147810944 bytes" + Limit);
        Assert.AreEqual(1, layout.RequiredBytes);
        Assert.AreEqual(0, layout.Mailboxes.Count);
    }

    [TestMethod]
    public void WithLinks_WhoseProductWraps_IsRefusedWithItsTrueSize()
    {
        // Steps: one task, then WithLinks(8192, 1 << 20, 1): 2 × 8,192 × 1,048,576 slots of 33 bytes.
        // Expected: refused (maxLinks) with its true 566,935,683,105 bytes (it used to count as 26); the layout
        // keeps no links.
        var layout = new IpcLayout().AddTask("t");

        ArgumentOutOfRangeException error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => layout.WithLinks(8192, 1 << 20, 1));

        Assert.AreEqual("maxLinks", error.ParamName);
        StringAssert.StartsWith(
            error.Message,
            "Cannot declare links WithLinks(8192, 1048576, 1): it needs 566935683105 bytes, which would bring the layout to 566935683106 bytes" + Limit);
        Assert.AreEqual(1, layout.RequiredBytes);
        Assert.AreEqual(0, layout.MaxLinks);
    }

    [TestMethod]
    public void WithLinks_OverTheLimit_KeepsTheLinksDeclaredBefore()
    {
        // Steps: WithLinks(2, 4, 8), then a second WithLinks too large.
        // Expected: refused; the first pool is still declared and counted.
        var layout = new IpcLayout().AddTask("t").WithLinks(2, 4, 8);
        int before = layout.RequiredBytes;

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => layout.WithLinks(8192, 1 << 20, 1));

        Assert.AreEqual(before, layout.RequiredBytes);
        Assert.AreEqual(2, layout.MaxLinks);
        Assert.AreEqual(4, layout.LinkCapacity);
        Assert.AreEqual(8, layout.LinkSlotSize);
    }

    [TestMethod]
    public void AddSharedRegionAndUnboundedBuffer_PastTheLimit_AreRefusedNamingThemselves()
    {
        // Steps: a buffer just under the limit, then a 1 MiB shared region and an unbounded buffer.
        // Expected: both refused with the parameter that sized them; the total is unchanged.
        var layout = new IpcLayout().AddBuffer("big", NearCapacity, IpcLayout.MaxSlotSize);

        ArgumentOutOfRangeException region = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => layout.AddSharedRegion("state", SharedRegion.MaxSize));
        ArgumentOutOfRangeException unbounded = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => layout.AddUnboundedBuffer("log", 4096, IpcLayout.MaxSlotSize));

        Assert.AreEqual("size", region.ParamName);
        StringAssert.StartsWith(region.Message, "Cannot declare shared region 'state': it needs 1048584 bytes, which would bring the layout to 2148531720 bytes" + Limit);
        Assert.AreEqual("segmentCapacity", unbounded.ParamName);
        StringAssert.StartsWith(unbounded.Message, "Cannot declare buffer 'log': it needs 268566528 bytes");
        Assert.AreEqual(NearBytes, layout.RequiredBytes);
        Assert.AreEqual(1, layout.Buffers.Count);
        Assert.AreEqual(0, layout.Regions.Count);
    }
}
