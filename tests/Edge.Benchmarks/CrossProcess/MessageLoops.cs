using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Edge.Benchmarks.CrossProcess;

/// <summary>The four workloads of the cross-process scenarios, each over any <see cref="MessageChannel"/>; every message is checked for order.</summary>
internal static class MessageLoops
{
    /// <summary>Sends message i and waits for it to come back, timing each round trip in Stopwatch ticks.</summary>
    public static void Ping(MessageChannel channel, long[] samples, int operations)
    {
        Span<byte> buffer = stackalloc byte[Message64.Size];
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            long start = Stopwatch.GetTimestamp();
            message.Sequence = i;
            MemoryMarshal.Write(buffer, in message);
            channel.Send(buffer);
            channel.Receive(buffer);
            MemoryMarshal.Read<Message64>(buffer).Verify(i);
            samples[i] = Stopwatch.GetTimestamp() - start;
        }
    }

    /// <summary>Sends back each message it receives.</summary>
    public static void Pong(MessageChannel channel, int operations)
    {
        Span<byte> buffer = stackalloc byte[Message64.Size];
        for (int i = 0; i < operations; i++)
        {
            channel.Receive(buffer);
            MemoryMarshal.Read<Message64>(buffer).Verify(i);
            channel.Send(buffer);
        }
    }

    public static void Produce(MessageChannel channel, int operations)
    {
        Span<byte> buffer = stackalloc byte[Message64.Size];
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            message.Sequence = i;
            MemoryMarshal.Write(buffer, in message);
            channel.Send(buffer);
        }
    }

    public static void Consume(MessageChannel channel, int operations)
    {
        Span<byte> buffer = stackalloc byte[Message64.Size];
        for (int i = 0; i < operations; i++)
        {
            channel.Receive(buffer);
            MemoryMarshal.Read<Message64>(buffer).Verify(i);
        }
    }
}
