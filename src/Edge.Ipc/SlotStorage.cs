namespace Edge.Ipc;

/// <summary>
/// The memory of one buffer's slots, reserved when the runtime is built. Kept apart from the buffer so that
/// a recycled mailbox's successor reuses it instead of allocating.
/// </summary>
/// <remarks>
/// Slot i's header is <see cref="Meta"/>[i * <see cref="Stride"/> ..]: eight 32-bit words, namely the ring's turn
/// word (see SlotRing), sender, length, tag, sequence, the timestamp's low and high halves, and the priority. Its
/// payload is <see cref="Payload"/>[i * SlotSize ..]. Only 32-bit words and bytes, so that the same layout can
/// live in memory mapped by several processes.
/// </remarks>
internal sealed class SlotStorage
{
    /// <summary>Header words per slot.</summary>
    internal const int Stride = 8;

    internal const int TurnWord = 0;
    internal const int SenderWord = 1;
    internal const int LengthWord = 2;
    internal const int TagWord = 3;
    internal const int SequenceWord = 4;
    internal const int StampLowWord = 5;
    internal const int StampHighWord = 6;
    internal const int PriorityWord = 7;

    internal SlotStorage(int capacity, int slotSize)
    {
        Capacity = capacity;
        SlotSize = slotSize;
        Meta = new int[capacity * Stride];
        Payload = new byte[capacity * slotSize];
    }

    internal readonly int Capacity;
    internal readonly int SlotSize;
    internal readonly int[] Meta;
    internal readonly byte[] Payload;

    /// <summary>Bytes actually reserved by the two arrays.</summary>
    internal int Bytes => (Meta.Length * 4) + Payload.Length;

    /// <summary>Writes a message's header words (not the turn word) and copies its payload into slot <paramref name="slot"/>.</summary>
    internal void Write(int slot, ref PayloadSource source, int sender, int tag, int sequence, long timestamp)
    {
        int m = slot * Stride;
        int[] meta = Meta;
        meta[m + SenderWord] = sender;
        meta[m + LengthWord] = source.Length;
        meta[m + TagWord] = tag;
        meta[m + SequenceWord] = sequence;
        meta[m + StampLowWord] = (int)timestamp;
        meta[m + StampHighWord] = (int)(timestamp >> 32);
        meta[m + PriorityWord] = 0;
        source.CopyTo(Payload, slot * SlotSize);
    }

    /// <summary>Reads slot <paramref name="slot"/>'s header into <paramref name="info"/> and copies its payload out.</summary>
    internal void Read(int slot, ref PayloadTarget target, out MessageInfo info)
    {
        int m = slot * Stride;
        int[] meta = Meta;
        info.Sender = meta[m + SenderWord];
        info.Length = meta[m + LengthWord];
        info.Tag = meta[m + TagWord];
        info.Sequence = meta[m + SequenceWord];
        info.Timestamp = ((long)meta[m + StampHighWord] << 32) | (uint)meta[m + StampLowWord];
        info.Priority = meta[m + PriorityWord];
        target.CopyFrom(Payload, slot * SlotSize, info.Length);
    }

    /// <summary>
    /// Moves a message one slot within this storage, keeping the destination's sequence number: for a message that
    /// goes ahead of others, whose numbers stay where they are (see SlotRing.TryEnqueueByPriority).
    /// </summary>
    internal void MoveKeepingSequence(int from, int to)
    {
        int sequence = Meta[(to * Stride) + SequenceWord];
        CopyTo(from, this, to);
        Meta[(to * Stride) + SequenceWord] = sequence;
    }

    /// <summary>Copies a message (header words but the turn word, and payload) from one slot to another storage's slot.</summary>
    internal void CopyTo(int slot, SlotStorage destination, int destinationSlot)
    {
        int from = slot * Stride;
        int to = destinationSlot * Stride;
        System.Array.Copy(Meta, from + SenderWord, destination.Meta, to + SenderWord, Stride - SenderWord);
        System.Array.Copy(Payload, slot * SlotSize, destination.Payload, destinationSlot * destination.SlotSize, Meta[from + LengthWord]);
    }
}
