using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Edge.Benchmarks.Throughput;

/// <summary>
/// The bare single-producer single-consumer ring, the limit of the machine: a power-of-two array of 64-byte slots,
/// the message copied in and out, a head and a tail each on its own cache line, and each side keeping a cached copy
/// of the other's index so that it reads the other's line only when the ring looks full or empty. No lock, no
/// sequence numbers, no statistics, no timestamps, no waiting but spinning: when the ring is full or empty a side
/// spins (a short pause, and a yield every 64th round so that a partner sharing its core can run).
/// </summary>
internal sealed class BareRingThroughput : Contender
{
    private const int Line = 8; // longs per 64-byte line
    private const int TailIndex = 2 * Line;
    private const int HeadIndex = 4 * Line;

    private readonly byte[] _slots;
    private readonly long _mask;
    private readonly long[] _indices = new long[6 * Line];
    private readonly WorkerThread _producerThread;

    public BareRingThroughput(int capacity)
        : base("BareRing", ContenderRole.Peer)
    {
        if ((capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentException("The bare ring's capacity is a power of two; got " + capacity + ".", nameof(capacity));
        }

        _slots = new byte[capacity * Message64.Size];
        _mask = capacity - 1;
        _producerThread = new WorkerThread(Name + " producer", Produce);
    }

    public override void Run(int operations)
    {
        _producerThread.Start(operations);
        Consume(operations);
        _producerThread.Join();
    }

    public override void Dispose() => _producerThread.Dispose();

    private void Produce(int operations)
    {
        long[] indices = _indices;
        long tail = Volatile.Read(ref indices[TailIndex]);
        long cachedHead = Volatile.Read(ref indices[HeadIndex]);
        long capacity = _mask + 1;
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            for (int round = 0; tail - cachedHead == capacity; round++)
            {
                cachedHead = Volatile.Read(ref indices[HeadIndex]);
                if (tail - cachedHead == capacity)
                {
                    Pause(round);
                }
            }

            message.Sequence = i;
            MemoryMarshal.Write(_slots.AsSpan((int)(tail & _mask) * Message64.Size, Message64.Size), in message);
            Volatile.Write(ref indices[TailIndex], ++tail);
        }
    }

    private void Consume(int operations)
    {
        long[] indices = _indices;
        long head = Volatile.Read(ref indices[HeadIndex]);
        long cachedTail = Volatile.Read(ref indices[TailIndex]);
        for (int i = 0; i < operations; i++)
        {
            for (int round = 0; cachedTail == head; round++)
            {
                cachedTail = Volatile.Read(ref indices[TailIndex]);
                if (cachedTail == head)
                {
                    Pause(round);
                }
            }

            MemoryMarshal.Read<Message64>(_slots.AsSpan((int)(head & _mask) * Message64.Size, Message64.Size)).Verify(i);
            Volatile.Write(ref indices[HeadIndex], ++head);
        }
    }

    private static void Pause(int round)
    {
        if ((round & 63) == 63)
        {
            Thread.Yield();
        }
        else
        {
            Thread.SpinWait(1);
        }
    }
}
