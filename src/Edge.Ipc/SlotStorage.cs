namespace Edge.Ipc;

/// <summary>
/// The memory of one buffer's slots, reserved when the runtime is built. Kept apart from the buffer so that
/// a recycled mailbox's successor reuses it instead of allocating.
/// </summary>
internal sealed class SlotStorage
{
    internal SlotStorage(int capacity, int slotSize)
    {
        Capacity = capacity;
        SlotSize = slotSize;
        Meta = new int[capacity * BoundedBuffer.MetaStride];
        Stamps = new long[capacity];
        Payload = new byte[capacity * slotSize];
    }

    internal readonly int Capacity;
    internal readonly int SlotSize;
    internal readonly int[] Meta;
    internal readonly long[] Stamps;
    internal readonly byte[] Payload;

    /// <summary>Bytes actually reserved by the three arrays.</summary>
    internal int Bytes => (Meta.Length * 4) + (Stamps.Length * 8) + Payload.Length;
}
