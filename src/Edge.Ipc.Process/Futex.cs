using System;
using System.Runtime.InteropServices;

namespace Edge.Ipc.Process;

/// <summary>
/// The Linux futex on a 32-bit word of a shared mapping: FUTEX_WAIT and FUTEX_WAKE without FUTEX_PRIVATE_FLAG,
/// so that the kernel keys the wait on the mapped page (inode and offset), not on this process's address space,
/// and a wake from any process that maps the same file reaches the waiter.
/// </summary>
internal static unsafe class Futex
{
    private const int FutexWait = 0;
    private const int FutexWake = 1;
    private const int FutexWakeOp = 5;

    /// <summary>FUTEX_OP(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_EQ, 0): add 1 to the second word; the compare only decides a second wake of nobody.</summary>
    private const int AddOne = (1 << 28) | (0 << 24) | (1 << 12) | 0;

    /// <summary>The futex syscall's number for the running architecture.</summary>
    internal static readonly nint SyscallNumber = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 202,
        Architecture.Arm64 => 98,
        Architecture.Arm => 240,
        Architecture.X86 => 240,
        _ => throw new PlatformNotSupportedException("Shared mailboxes need the Linux futex; no syscall number is known for " + RuntimeInformation.ProcessArchitecture + "."),
    };

    /// <summary>
    /// Sleeps while <paramref name="word"/> still holds <paramref name="expected"/> (the kernel compares and queues
    /// atomically), until a wake, a signal or <paramref name="timeoutMs"/> (negative: no limit). Returns false only
    /// when the time ran out. Spurious returns are allowed: callers look at the ring again.
    /// </summary>
    internal static bool Wait(int* word, int expected, int timeoutMs)
    {
        Native.Timespec timeout;
        Native.Timespec* limit = null;
        if (timeoutMs >= 0)
        {
            timeout.Seconds = timeoutMs / 1000;
            timeout.Nanoseconds = (timeoutMs % 1000) * 1_000_000;
            limit = &timeout;
        }

        nint result = Native.Syscall(SyscallNumber, word, FutexWait, expected, limit, null, 0);
        return result == 0 || Native.LastError != Native.ETIMEDOUT;
    }

    /// <summary>
    /// Adds 1 to <paramref name="word"/> and wakes every process and thread sleeping on it, in one system call
    /// (FUTEX_WAKE_OP with the word as both addresses): a caller killed at any instant has done both or neither.
    /// </summary>
    internal static void AddOneAndWakeAll(int* word)
    {
        if (Native.Syscall(SyscallNumber, word, FutexWakeOp, int.MaxValue, null, word, AddOne) < 0)
        {
            // Not expected on any Linux since 2.6.14; two steps are still correct for live callers.
            System.Threading.Interlocked.Increment(ref *word);
            WakeAll(word);
        }
    }

    /// <summary>Wakes every process and thread sleeping on <paramref name="word"/>.</summary>
    internal static void WakeAll(int* word) => Native.Syscall(SyscallNumber, word, FutexWake, int.MaxValue, null, null, 0);
}
