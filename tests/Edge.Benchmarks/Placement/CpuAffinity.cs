using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Edge.Benchmarks.Placement;

/// <summary>
/// Pins every thread of this process to one CPU, and later restores each thread's mask, through Linux's
/// sched_setaffinity on each task id listed in /proc/self/task. Threads created while pinned (the contenders'
/// workers, new thread-pool threads) inherit the mask from the thread that creates them, so for the length of a
/// scenario every thread of every contender shares the one core: the placement a single-core board, or a busy
/// board whose other cores are taken, gives a pair of tasks. The runtime still believes it has all its cores
/// (Environment.ProcessorCount is read at start-up), as it would on a board whose other cores are busy.
/// </summary>
internal static class CpuAffinity
{
    public static bool IsSupported => OperatingSystem.IsLinux() && Directory.Exists("/proc/self/task");

    /// <summary>Pins all threads to the CPU the calling thread runs on now; returns that CPU and the mask to restore.</summary>
    public static int PinAllToCurrentCpu(out ulong previousMask)
    {
        int cpu = System.Threading.Thread.GetCurrentProcessorId();
        previousMask = 0;
        if (sched_getaffinity(0, (IntPtr)sizeof(ulong), ref previousMask) != 0)
        {
            throw new InvalidOperationException("sched_getaffinity failed: errno " + Marshal.GetLastPInvokeError());
        }

        SetAll(1UL << cpu);
        return cpu;
    }

    /// <summary>Gives every thread <paramref name="mask"/> again.</summary>
    public static void RestoreAll(ulong mask) => SetAll(mask);

    private static void SetAll(ulong mask)
    {
        // Threads may start or end while we walk the list; a vanished one is simply skipped, and one started
        // meanwhile inherited the mask of its creator, which was set first (this thread) or is being set.
        SetThread(0, mask);
        foreach (string task in Directory.GetDirectories("/proc/self/task"))
        {
            if (int.TryParse(Path.GetFileName(task), out int tid))
            {
                SetThread(tid, mask);
            }
        }
    }

    private static void SetThread(int tid, ulong mask)
    {
        ulong m = mask;
        if (sched_setaffinity(tid, (IntPtr)sizeof(ulong), ref m) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            const int NoSuchProcess = 3;
            if (errno != NoSuchProcess)
            {
                throw new InvalidOperationException("sched_setaffinity(" + tid + ") failed: errno " + errno);
            }
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int sched_setaffinity(int pid, IntPtr cpusetsize, ref ulong mask);

    [DllImport("libc", SetLastError = true)]
    private static extern int sched_getaffinity(int pid, IntPtr cpusetsize, ref ulong mask);
}
