using System;
using System.Runtime.InteropServices;

namespace Edge.Ipc.Process;

/// <summary>
/// The libc entry points the shared mailboxes need and .NET does not wrap: futex (through syscall), liveness
/// probes, atomic publication of a new segment (link), ownership (fstatx, fchown, getgrnam).
/// </summary>
/// <remarks>
/// Every structure used here has the same layout on x86-64, arm64 and 32-bit arm (statx is arch-independent by
/// design); struct timespec is two C longs, which <see cref="nint"/> matches on each.
/// </remarks>
internal static unsafe partial class Native
{
    private const string Libc = "libc";

    internal const int ENOENT = 2;
    internal const int ESRCH = 3;
    internal const int EINTR = 4;
    internal const int EAGAIN = 11;
    internal const int EACCES = 13;
    internal const int EEXIST = 17;
    internal const int ETIMEDOUT = 110;

    internal const int AtCurrentDirectory = -100;
    internal const int AtEmptyPath = 0x1000;
    internal const uint StatxBasicStats = 0x7ff;

    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec
    {
        internal nint Seconds;
        internal nint Nanoseconds;
    }

    /// <summary>struct statx, 256 bytes; only the leading fields are named.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    internal struct Statx
    {
        [FieldOffset(0)] internal uint Mask;
        [FieldOffset(20)] internal uint Uid;
        [FieldOffset(24)] internal uint Gid;
        [FieldOffset(28)] internal ushort Mode;
        [FieldOffset(32)] internal ulong Inode;
        [FieldOffset(40)] internal ulong Size;
        [FieldOffset(136)] internal uint DeviceMajor;
        [FieldOffset(140)] internal uint DeviceMinor;
    }

    [LibraryImport(Libc, EntryPoint = "syscall", SetLastError = true)]
    internal static partial nint Syscall(nint number, void* address, int operation, int value, Timespec* timeout, void* address2, int value3);

    [LibraryImport(Libc, EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    [LibraryImport(Libc, EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Link(string existing, string created);

    [LibraryImport(Libc, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int StatxCall(int directory, string path, int flags, uint mask, Statx* result);

    [LibraryImport(Libc, EntryPoint = "fchown", SetLastError = true)]
    internal static partial int Fchown(int fd, uint owner, uint group);

    [LibraryImport(Libc, EntryPoint = "geteuid")]
    internal static partial uint Geteuid();

    [LibraryImport(Libc, EntryPoint = "getgroups", SetLastError = true)]
    internal static partial int Getgroups(int size, uint* list);

    [LibraryImport(Libc, EntryPoint = "getegid")]
    internal static partial uint Getegid();

    [LibraryImport(Libc, EntryPoint = "getgrnam", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr Getgrnam(string name);

    /// <summary>The group id of a named group, or -1 when there is none. struct group is { char* name; char* passwd; gid_t gid; ... }.</summary>
    internal static long GroupId(string name)
    {
        IntPtr group = Getgrnam(name);
        if (group == IntPtr.Zero)
        {
            return -1;
        }

        return *(uint*)((byte*)group + (2 * IntPtr.Size));
    }

    /// <summary>Whether the calling process has <paramref name="gid"/> as its effective or a supplementary group.</summary>
    internal static bool InGroup(uint gid)
    {
        if (Getegid() == gid)
        {
            return true;
        }

        uint* groups = stackalloc uint[256];
        int count = Getgroups(256, groups);
        for (int i = 0; i < count; i++)
        {
            if (groups[i] == gid)
            {
                return true;
            }
        }

        return false;
    }

    internal static int LastError => Marshal.GetLastPInvokeError();

    internal static string ErrorText(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
