namespace Edge.Ipc.Process;

/// <summary>
/// Byte offsets of a shared mailbox segment (see README.md, "Segment format"). All values little-endian, as
/// every processor Edge runs on is; every word naturally aligned; the groups written by different sides 128
/// bytes apart.
/// </summary>
internal static class SegmentLayout
{
    /// <summary>"EDGEMBX\0" read as a little-endian 64-bit word.</summary>
    internal const ulong Magic = 0x0058424D45474445UL;

    /// <summary>The format this code writes and the only one it opens (2: the futex words carry a sleepers bit).</summary>
    internal const int Version = 2;

    // Header, written once by the creator before the file becomes visible under its name.
    internal const int MagicOffset = 0;
    internal const int VersionOffset = 8;
    internal const int HeaderBytesOffset = 12;
    internal const int SlotSizeOffset = 16;
    internal const int SlotStrideOffset = 20;
    internal const int CapacityOffset = 24;
    internal const int OverflowOffset = 28;
    internal const int CreatorPidOffset = 32;
    internal const int CreatorStartOffset = 40;
    internal const int GenerationOffset = 48;
    internal const int FileSizeOffset = 56;

    // Producer line: the tail (next position; bit 63 closed).
    internal const int TailOffset = 128;

    // Consumer line: the head (next position to take).
    internal const int HeadOffset = 256;

    // Receivers' futex word (bit 0: a receiver sleeps or is about to; SharedRing.Sleepers) and how many receivers sleep.
    internal const int DataSignalOffset = 384;
    internal const int ReceiversWaitingOffset = 388;

    // Senders' futex word (the same way) and how many senders sleep.
    internal const int SpaceSignalOffset = 512;
    internal const int SendersWaitingOffset = 516;

    // Statistics written off the per-message path.
    internal const int DiscardedOffset = 640;
    internal const int AbandonedOffset = 648;
    internal const int RefusedFullOffset = 656;
    internal const int TimedOutOffset = 664;
    internal const int HighWaterOffset = 672;

    /// <summary>Where the first slot starts.</summary>
    internal const int HeaderBytes = 1024;

    // Slot header, at the start of each slot.
    internal const int TurnOffset = 0;
    internal const int OwnerTagOffset = 8;
    internal const int OwnerStartOffset = 16;
    internal const int SenderPidOffset = 24;
    internal const int SenderTaskOffset = 28;
    internal const int LengthOffset = 32;
    internal const int TagOffset = 36;
    internal const int SequenceOffset = 40;
    internal const int TimestampOffset = 48;
    internal const int SlotHeaderBytes = 64;

    /// <summary>Largest capacity a segment may declare.</summary>
    internal const int MaxCapacity = 1 << 20;

    /// <summary>Largest payload a slot may declare.</summary>
    internal const int MaxSlotSize = 1 << 20;

    /// <summary>Bytes from one slot to the next: the header and the payload rounded up to 8.</summary>
    internal static int StrideOf(int slotSize) => SlotHeaderBytes + ((slotSize + 7) & ~7);

    /// <summary>The whole file's size.</summary>
    internal static long FileSizeOf(int capacity, int slotSize) => HeaderBytes + ((long)capacity * StrideOf(slotSize));
}
