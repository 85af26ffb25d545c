using System;
using System.Globalization;
using System.IO;

namespace Edge.Ipc.Process;

/// <summary>
/// Tells whether the process that holds a slot is still the one that took it. A pid alone is not enough: a
/// dead process's pid may be reused, so each holder also records its start time (field 22 of
/// /proc/PID/stat, in clock ticks since boot), which a reused pid does not repeat. A zombie (killed, not yet
/// reaped by its parent) counts as dead: it will never run again.
/// </summary>
internal static class ProcessLiveness
{
    /// <summary>
    /// This process's start time, recorded in every slot it holds, as other processes read it. It is read from
    /// the main thread's entry, /proc/PID/task/PID/stat (the same task, so the same field 22), not from
    /// /proc/PID/stat: an emulator running this process (qemu-user, for the arm64 build on an x64 machine) answers
    /// a process's own /proc/PID/stat with a made-up line whose start time is the emulator's own clock reading,
    /// some ticks later than the kernel's; every other process would then find the holder "started at another
    /// time", judge it dead while it writes, and recover its slot under it. (Should the main thread have ended,
    /// /proc/PID/stat it is.)
    /// </summary>
    internal static readonly long OwnStartTime = ReadOwnStartTime(Environment.ProcessId);

    /// <summary>The pid's start time, or -1 when no such process runs (gone, zombie or dead).</summary>
    internal static long StartTime(int pid) => ReadStartTime("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat");

    private static long ReadOwnStartTime(int pid)
    {
        string id = pid.ToString(CultureInfo.InvariantCulture);
        long start = ReadStartTime("/proc/" + id + "/task/" + id + "/stat"); // the main thread: its id is the pid
        return start >= 0 ? start : StartTime(pid);
    }

    private static long ReadStartTime(string statPath)
    {
        string text;
        try
        {
            text = File.ReadAllText(statPath);
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }

        // "pid (comm) S ppid ...": comm may hold spaces and parentheses, so fields count from the last ')'.
        int close = text.LastIndexOf(')');
        if (close < 0 || close + 2 >= text.Length)
        {
            return -1;
        }

        string[] fields = text.Substring(close + 2).Split(' ');
        if (fields.Length < 20 || fields[0] == "Z" || fields[0] == "X" || fields[0] == "x")
        {
            return -1;
        }

        // fields[0] is field 3 (state), so field 22 (starttime) is fields[19].
        return long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out long start) ? start : -1;
    }

    /// <summary>
    /// True unless the holder is certainly gone: no process with that pid runs, or the one that does started at
    /// another time than <paramref name="recordedStart"/> (0: not recorded yet, so the pid alone decides).
    /// </summary>
    internal static bool IsAlive(int pid, long recordedStart)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        long start = StartTime(pid);
        if (start < 0)
        {
            return false;
        }

        return recordedStart == 0 || start == recordedStart;
    }
}
