using System;
using System.Threading;
using System.Threading.Tasks;
using Edge.Ipc;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

/// <summary>Shared helpers: a runtime with N body-less tasks, hang bounds, and waiting for a parked task.</summary>
internal static class TestRig
{
    /// <summary>Generous bound on anything that could hang; never a performance assertion.</summary>
    public const int HangTimeoutMs = 30_000;

    public static IpcRuntime Build(int tasks, int capacity, int slotSize, OverflowPolicy overflow = OverflowPolicy.RefuseNewest, IClock? clock = null)
    {
        var layout = new IpcLayout();
        for (int i = 1; i <= tasks; i++)
        {
            layout.AddTask("t" + i);
        }

        layout.AddMailbox("box", capacity, slotSize, new MailboxOptions { Overflow = overflow });
        return layout.Build(clock ?? new ManualClock());
    }

    /// <summary>Runs <paramref name="body"/> on its own thread (not the thread pool, so blocking is fine).</summary>
    public static Task Run(Action body) =>
        Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Runs <paramref name="body"/> on its own thread and returns its result.</summary>
    public static Task<T> Run<T>(Func<T> body) =>
        Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public static void Await(Task task)
    {
        Assert.IsTrue(task.Wait(HangTimeoutMs), "Timed out waiting for a task (hang bound).");
    }

    public static T Await<T>(Task<T> task)
    {
        Assert.IsTrue(task.Wait(HangTimeoutMs), "Timed out waiting for a task (hang bound).");
        return task.Result;
    }

    /// <summary>Waits until the buffer reports <paramref name="senders"/> parked senders and <paramref name="receivers"/> parked receivers.</summary>
    public static void UntilParked(BoundedBuffer buffer, int senders, int receivers)
    {
        bool reached = SpinWait.SpinUntil(
            () => buffer.WaitingSenders == senders && buffer.WaitingReceivers == receivers,
            HangTimeoutMs);
        Assert.IsTrue(reached, $"Expected {senders} parked senders and {receivers} parked receivers; saw {buffer.WaitingSenders} and {buffer.WaitingReceivers}.");
    }

    public static byte[] Bytes(int value, int length = 4)
    {
        var bytes = new byte[length];
        BitConverter.TryWriteBytes(bytes, value);
        return bytes;
    }

    public static int Int(byte[] bytes, int offset = 0) => BitConverter.ToInt32(bytes, offset);
}
