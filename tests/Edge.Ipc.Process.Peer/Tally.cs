using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using Edge.Ipc;
using Edge.Ipc.Process;

namespace Edge.Ipc.Process.Peer;

/// <summary>The consuming side of an exchange, shared by the peer's consume verb and the crash tests' own consumer.</summary>
public static class Tally
{
    /// <summary>
    /// Receives until the mailbox is closed, tallying per producer id (messages carry the id, then a 64-bit index): count,
    /// sum of indexes and sum of their squares in <paramref name="counts"/>. Returns "order ok", or the first place a
    /// producer's indexes went back.
    /// </summary>
    public static string ConsumeUntilClosed(SharedMailbox mailbox, Dictionary<int, long[]> counts)
    {
        byte[] buffer = new byte[mailbox.SlotSize];
        var last = new Dictionary<int, long>();
        string order = "order ok";
        while (mailbox.Receive(buffer, out _, Timeout.Infinite) == IpcStatus.Ok)
        {
            int id = BinaryPrimitives.ReadInt32LittleEndian(buffer);
            long index = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(4));
            if (!counts.TryGetValue(id, out long[]? tally))
            {
                tally = new long[3];
                counts[id] = tally;
                last[id] = -1;
            }

            if (index <= last[id] && order == "order ok")
            {
                order = "order broken: producer " + id + " index " + index + " after " + last[id];
            }

            last[id] = index;
            tally[0]++;
            tally[1] += index;
            tally[2] += index * index;
        }

        return order;
    }
}
