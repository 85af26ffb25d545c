using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Process.Tests;

[TestClass]
public sealed class SegmentValidationTests
{
    [TestMethod]
    public void Open_RandomBytes_ThrowsNamingPathAndMagicWritesNothing()
    {
        using var name = new MailboxName("random");
        byte[] bytes = new byte[4096];
        new Random(11).NextBytes(bytes);
        Write(name.Path, bytes, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        AssertRefused(name, "not a shared mailbox segment");
    }

    [TestMethod]
    public void Open_Truncated_ThrowsNamingSizesWritesNothing()
    {
        using var name = new MailboxName("truncated");
        byte[] valid = ValidSegment(name);
        Write(name.Path, valid.AsSpan(0, valid.Length - 100).ToArray(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        AssertRefused(name, "the file is " + (valid.Length - 100) + " bytes");
    }

    [TestMethod]
    public void Open_ShorterThanHeader_ThrowsTruncated()
    {
        using var name = new MailboxName("short");
        Write(name.Path, ValidSegment(name).AsSpan(0, 100).ToArray(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        AssertRefused(name, "truncated: 100 bytes");
    }

    [TestMethod]
    public void Open_WrongVersion_ThrowsNamingVersions()
    {
        using var name = new MailboxName("version");
        byte[] bytes = ValidSegment(name);
        bytes[8] = 9;
        Write(name.Path, bytes, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        AssertRefused(name, "format version 9; this build reads version 2");
    }

    [TestMethod]
    public void Open_CapacityDisagreesWithSize_ThrowsNamingBoth()
    {
        using var name = new MailboxName("capacity");
        byte[] bytes = ValidSegment(name);
        bytes[24] = 3;
        Write(name.Path, bytes, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        AssertRefused(name, "capacity 3");
    }

    [TestMethod]
    public void Open_ZeroGeneration_ThrowsNamingGeneration()
    {
        using var name = new MailboxName("generation");
        byte[] bytes = ValidSegment(name);
        bytes.AsSpan(48, 8).Clear();
        Write(name.Path, bytes, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        AssertRefused(name, "generation 0 is invalid");
    }

    [TestMethod]
    public void Open_WorldReadable_ThrowsNamingMode()
    {
        using var name = new MailboxName("mode");
        Write(name.Path, ValidSegment(name), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        AssertRefused(name, "world-accessible (mode 0604)");
    }

    [TestMethod]
    public void Open_OwnedByAnotherUser_ThrowsNamingOwner()
    {
        using var name = new MailboxName("owner");
        Write(name.Path, ValidSegment(name), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (Native.Geteuid() != 0)
        {
            Assert.Inconclusive("giving a file to another user needs root");
        }

        using (var stream = new FileStream(name.Path, FileMode.Open, FileAccess.ReadWrite))
        {
            Assert.AreEqual(0, Native.Fchown((int)stream.SafeFileHandle.DangerousGetHandle(), 54321, 54321));
        }

        AssertRefused(name, "owned by uid 54321");
    }

    [TestMethod]
    public void Open_Missing_ThrowsNamingPath()
    {
        using var name = new MailboxName("missing");
        var error = Assert.ThrowsExactly<SharedSegmentException>(() => SharedMailbox.Open(name.Value));
        StringAssert.StartsWith(error.Message, name.Path + ": no such shared mailbox");
    }

    [TestMethod]
    public void Create_Existing_ThrowsUnlessReplacing()
    {
        using var name = new MailboxName("exists");
        using SharedMailbox first = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = 2 });
        var error = Assert.ThrowsExactly<SharedSegmentException>(() => SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = 2 }));
        StringAssert.Contains(error.Message, "exists already");
        using SharedMailbox second = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = 2, ReplaceExisting = true });
        Assert.IsTrue(first.IsClosed, "the replaced segment is closed for whoever still holds it");
        Assert.IsFalse(second.IsClosed);
        Assert.AreNotEqual(first.Generation, second.Generation);
    }

    [TestMethod]
    public void Create_Default_FileIsOwnerOnly()
    {
        using var name = new MailboxName("perm");
        using SharedMailbox mailbox = SharedMailbox.Create(name.Value, new SharedMailboxOptions());
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(name.Path));
    }

    [TestMethod]
    public void Create_WithGroup_FileIsGroupReadWrite()
    {
        using var name = new MailboxName("group");
        using SharedMailbox mailbox = SharedMailbox.Create(name.Value, new SharedMailboxOptions { Group = "root" });
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, File.GetUnixFileMode(name.Path));
        using SharedMailbox other = SharedMailbox.Open(name.Value);
        Assert.AreEqual(mailbox.Generation, other.Generation);
    }

    [TestMethod]
    public void Create_BadArguments_Throw()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => SharedMailbox.Create("x", new SharedMailboxOptions { Capacity = 0 }));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => SharedMailbox.Create("x", new SharedMailboxOptions { SlotSize = 0 }));
        Assert.ThrowsExactly<ArgumentException>(() => SharedMailbox.Create("a/b", new SharedMailboxOptions()));
        Assert.ThrowsExactly<ArgumentException>(() => SharedMailbox.Create("x", new SharedMailboxOptions { Overflow = OverflowPolicy.Overwrite }));
        Assert.ThrowsExactly<ArgumentException>(() => SharedMailbox.Create("x", new SharedMailboxOptions { Group = "no-such-group-here" }));
    }

    /// <summary>The bytes of a freshly created valid segment (capacity 4, slot 32), its file removed.</summary>
    private static byte[] ValidSegment(MailboxName name)
    {
        using (SharedMailbox.Create(name.Value, new SharedMailboxOptions { Capacity = 4, SlotSize = 32 }))
        {
        }

        byte[] bytes = File.ReadAllBytes(name.Path);
        File.Delete(name.Path);
        return bytes;
    }

    private static void Write(string path, byte[] bytes, UnixFileMode mode)
    {
        File.WriteAllBytes(path, bytes);
        File.SetUnixFileMode(path, mode);
    }

    private static void AssertRefused(MailboxName name, string problem)
    {
        byte[] before = File.ReadAllBytes(name.Path);
        DateTime written = File.GetLastWriteTimeUtc(name.Path);
        var error = Assert.ThrowsExactly<SharedSegmentException>(() => SharedMailbox.Open(name.Value));
        StringAssert.StartsWith(error.Message, name.Path + ": ");
        StringAssert.Contains(error.Problem, problem);
        CollectionAssert.AreEqual(before, File.ReadAllBytes(name.Path), "nothing written to a refused file");
        Assert.AreEqual(written, File.GetLastWriteTimeUtc(name.Path));
    }
}
