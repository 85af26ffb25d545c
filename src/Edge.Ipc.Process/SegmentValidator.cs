using System;
using System.Buffers.Binary;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace Edge.Ipc.Process;

/// <summary>
/// Checks a segment file before it is mapped: who owns it and who else may open it, its size, and every header
/// field against the size. Reads only; a file that fails is left exactly as it was.
/// </summary>
internal static unsafe class SegmentValidator
{
    /// <summary>Returns the file's size when it is a valid segment this process may use; otherwise throws naming the problem.</summary>
    internal static long Check(string path, SafeFileHandle handle)
    {
        Native.Statx status;
        if (Native.StatxCall((int)handle.DangerousGetHandle(), string.Empty, Native.AtEmptyPath, Native.StatxBasicStats, &status) != 0)
        {
            throw new SharedSegmentException(path, "cannot read its owner and mode: " + Native.ErrorText(Native.LastError));
        }

        int mode = status.Mode & 0xfff;
        if ((status.Mode & 0xf000) != 0x8000)
        {
            throw new SharedSegmentException(path, "not a regular file");
        }

        if ((mode & 0x7) != 0)
        {
            throw new SharedSegmentException(path, "world-accessible (mode " + Octal(mode) + "): refused; a shared mailbox is mode 0600, or 0660 for a named group");
        }

        uint user = Native.Geteuid();
        if (status.Uid != user)
        {
            bool groupMay = (mode & 0x30) == 0x30 && Native.InGroup(status.Gid);
            if (!groupMay)
            {
                throw new SharedSegmentException(path, "owned by uid " + status.Uid + ", not by this user (uid " + user + "), and not shared with a group of this user (mode " + Octal(mode) + ", gid " + status.Gid + ")");
            }
        }

        long size = (long)status.Size;
        if (size < SegmentLayout.HeaderBytes)
        {
            throw new SharedSegmentException(path, "truncated: " + size + " bytes, shorter than the " + SegmentLayout.HeaderBytes + "-byte header");
        }

        Span<byte> header = stackalloc byte[64];
        if (RandomAccess.Read(handle, header, 0) != header.Length)
        {
            throw new SharedSegmentException(path, "truncated while reading its header");
        }

        if (BinaryPrimitives.ReadUInt64LittleEndian(header) != SegmentLayout.Magic)
        {
            throw new SharedSegmentException(path, "not a shared mailbox segment (no EDGEMBX magic at offset 0)");
        }

        int version = Read(header, SegmentLayout.VersionOffset);
        if (version != SegmentLayout.Version)
        {
            throw new SharedSegmentException(path, "format version " + version + "; this build reads version " + SegmentLayout.Version);
        }

        int headerBytes = Read(header, SegmentLayout.HeaderBytesOffset);
        int slotSize = Read(header, SegmentLayout.SlotSizeOffset);
        int stride = Read(header, SegmentLayout.SlotStrideOffset);
        int capacity = Read(header, SegmentLayout.CapacityOffset);
        int overflow = Read(header, SegmentLayout.OverflowOffset);
        int creator = Read(header, SegmentLayout.CreatorPidOffset);
        long generation = BinaryPrimitives.ReadInt64LittleEndian(header.Slice(SegmentLayout.GenerationOffset));
        long declared = BinaryPrimitives.ReadInt64LittleEndian(header.Slice(SegmentLayout.FileSizeOffset));
        if (headerBytes != SegmentLayout.HeaderBytes)
        {
            throw new SharedSegmentException(path, "header size " + headerBytes + ", expected " + SegmentLayout.HeaderBytes);
        }

        if (slotSize < 1 || slotSize > SegmentLayout.MaxSlotSize || stride != SegmentLayout.StrideOf(slotSize))
        {
            throw new SharedSegmentException(path, "slot size " + slotSize + " with stride " + stride + " is invalid (1 to " + SegmentLayout.MaxSlotSize + " bytes, stride 64 + size rounded up to 8)");
        }

        if (capacity < 1 || capacity > SegmentLayout.MaxCapacity)
        {
            throw new SharedSegmentException(path, "capacity " + capacity + " is outside 1 to " + SegmentLayout.MaxCapacity);
        }

        if (overflow != (int)OverflowPolicy.RefuseNewest && overflow != (int)OverflowPolicy.DropOldest)
        {
            throw new SharedSegmentException(path, "overflow policy " + overflow + " is unknown");
        }

        if (creator <= 0 || generation == 0)
        {
            throw new SharedSegmentException(path, "creator pid " + creator + " or generation " + generation + " is invalid");
        }

        long expected = SegmentLayout.FileSizeOf(capacity, slotSize);
        if (declared != expected || size != expected)
        {
            throw new SharedSegmentException(path, "the file is " + size + " bytes; its header (capacity " + capacity + ", slot size " + slotSize + ") makes " + expected + (declared != expected ? " and declares " + declared : string.Empty));
        }

        return size;
    }

    private static int Read(ReadOnlySpan<byte> header, int offset) => BinaryPrimitives.ReadInt32LittleEndian(header.Slice(offset));

    private static string Octal(int mode) => "0" + Convert.ToString(mode, 8);
}
