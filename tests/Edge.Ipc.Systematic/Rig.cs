using System;
using System.Threading;
using Edge.Ipc;
using Microsoft.Coyote.Specifications;

namespace Edge.Ipc.Systematic;

/// <summary>Helpers shared by the scenarios: runtimes, controlled threads, payloads and checks.</summary>
internal static class Rig
{
    /// <summary>A runtime with <paramref name="tasks"/> body-less tasks t1..tN and one mailbox "box".</summary>
    internal static IpcRuntime Build(int tasks, int capacity, int slotSize = 4)
    {
        var layout = new IpcLayout();
        for (int i = 1; i <= tasks; i++)
        {
            layout.AddTask("t" + i);
        }

        layout.AddMailbox("box", capacity, slotSize);
        return layout.Build(new ManualClock());
    }

    /// <summary>Starts <paramref name="body"/> on a new thread, which the controlled scheduler owns.</summary>
    internal static Thread Start(Action body)
    {
        var thread = new Thread(() => body());
        thread.Start();
        return thread;
    }

    internal static void JoinAll(params Thread[] threads)
    {
        foreach (Thread thread in threads)
        {
            thread.Join();
        }
    }

    internal static byte[] Bytes(int value) => BitConverter.GetBytes(value);

    internal static int Int(byte[] bytes) => BitConverter.ToInt32(bytes, 0);

    /// <summary>Fails the iteration (Coyote records it as a bug, with the schedule that led to it).</summary>
    internal static void Check(bool condition, string message) => Specification.Assert(condition, message);

    internal static void Equal(long expected, long actual, string what) =>
        Specification.Assert(expected == actual, "{0}: expected {1}, was {2}", what, expected, actual);

    /// <summary>Receives everything left without blocking, as values in order.</summary>
    internal static int[] Drain(BoundedBuffer buffer, EdgeTask receiver)
    {
        var values = new int[buffer.Capacity + 8];
        int n = 0;
        var destination = new byte[buffer.SlotSize];
        while (buffer.TryReceive(receiver, destination, out _) == IpcStatus.Ok)
        {
            values[n++] = Int(destination);
        }

        Array.Resize(ref values, n);
        return values;
    }
}
