using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Edge.Ipc;
using Edge.Ipc.Process;

namespace Edge.Ipc.Process.Peer;

/// <summary>
/// One side of a cross-process exchange, started by the tests as <c>dotnet Edge.Ipc.Process.Peer.dll VERB ...</c>.
/// Every message's payload starts with the producer id (4 bytes) and that producer's index (8 bytes), so a
/// consumer can check order per producer and report count, sum and sum of squares of indices per producer.
/// </summary>
public static class Program
{
    /// <summary>Verbs: produce NAME ID COUNT | consume NAME | block-receive NAME | block-send NAME | close NAME | die-writing NAME | die-reading NAME | take-and-die-before-wake NAME | hold-writing NAME | pong NAME REPLIES.</summary>
    /// <summary>Holds the claimed slot: parks on an event that only a clean shutdown (SIGTERM) sets; the test ends it with SIGKILL.</summary>
    private static void HoldUntilKilled()
    {
        using var stop = new ManualResetEventSlim();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Set();
        stop.Wait();
    }

    public static int Main(string[] args)
    {
        try
        {
            string verb = args[0];
            using SharedMailbox mailbox = SharedMailbox.Open(args[1]);
            switch (verb)
            {
                case "produce":
                    return Produce(mailbox, int.Parse(args[2], CultureInfo.InvariantCulture), long.Parse(args[3], CultureInfo.InvariantCulture));
                case "consume":
                    return Consume(mailbox);
                case "block-receive":
                    Console.WriteLine("waiting");
                    Console.WriteLine(mailbox.Receive(new byte[mailbox.SlotSize], out _, Timeout.Infinite));
                    return 0;
                case "block-send":
                    Console.WriteLine("waiting");
                    Console.WriteLine(mailbox.Send(9, new byte[mailbox.SlotSize], 9, Timeout.Infinite));
                    return 0;
                case "close":
                    mailbox.Close();
                    Console.WriteLine("closed");
                    return 0;
                case "die-writing":
                    mailbox.ClaimAndAbandonForTests(reading: false);
                    return 1;
                case "take-and-die-before-wake":
                    mailbox.TakeAndDieBeforeWakeForTests();
                    return 1;
                case "die-reading":
                    mailbox.ClaimAndAbandonForTests(reading: true);
                    return 1;
                case "hold-writing":
                    mailbox.ClaimAndHoldForTests();
                    Console.WriteLine("holding");
                    HoldUntilKilled();
                    return 1;
                case "pong":
                    return Pong(mailbox, SharedMailbox.Open(args[2]));
                default:
                    Console.Error.WriteLine("unknown verb " + verb);
                    return 2;
            }
        }
        catch (SharedSegmentException exception)
        {
            Console.Error.WriteLine(exception.Message);
            return 2;
        }
    }

    private static int Produce(SharedMailbox mailbox, int id, long count)
    {
        Span<byte> payload = stackalloc byte[Math.Min(64, mailbox.SlotSize)];
        Console.WriteLine("ready");
        long sent = 0;
        for (long i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(payload, id);
            BinaryPrimitives.WriteInt64LittleEndian(payload.Slice(4), i);
            IpcStatus status = mailbox.Send(id, payload, id, Timeout.Infinite);
            if (status != IpcStatus.Ok)
            {
                Console.WriteLine("status " + status);
                break;
            }

            sent++;
        }

        Console.WriteLine("sent " + sent);
        return 0;
    }

    /// <summary>Receives until Closed; prints "producer ID COUNT SUM SUMSQ" per producer, then "order ok" or the first break.</summary>
    private static int Consume(SharedMailbox mailbox)
    {
        var counts = new Dictionary<int, long[]>();
        Console.WriteLine("ready");
        string order = Tally.ConsumeUntilClosed(mailbox, counts);
        foreach (KeyValuePair<int, long[]> pair in counts)
        {
            Console.WriteLine("producer " + pair.Key + " " + pair.Value[0] + " " + pair.Value[1] + " " + pair.Value[2]);
        }

        Console.WriteLine(order);
        return 0;
    }

    /// <summary>Echoes every message of <paramref name="requests"/> into <paramref name="replies"/> until Closed.</summary>
    private static int Pong(SharedMailbox requests, SharedMailbox replies)
    {
        using (replies)
        {
            byte[] buffer = new byte[requests.SlotSize];
            Console.WriteLine("ready");
            while (requests.Receive(buffer, out SharedMessageInfo info, Timeout.Infinite) == IpcStatus.Ok)
            {
                if (replies.Send(1, buffer.AsSpan(0, info.Length), info.Tag, Timeout.Infinite) != IpcStatus.Ok)
                {
                    break;
                }
            }
        }

        return 0;
    }
}
