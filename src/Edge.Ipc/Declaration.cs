namespace Edge.Ipc;

/// <summary>One declared task, buffer or mailbox of an <see cref="IpcLayout"/>, validated when declared.</summary>
internal sealed class Declaration
{
    internal Declaration(string name, int capacity, int slotSize, OverflowPolicy overflow, TaskEntry? entry, MailboxOptions? options, int unboundedCeiling = 0)
    {
        UnboundedCeiling = unboundedCeiling;
        Name = name;
        Capacity = capacity;
        SlotSize = slotSize;
        Overflow = overflow;
        Entry = entry;
        Owner = options == null ? null : options.Owner;
        ReceiveMode = options == null ? ReceiveMode.Shared : options.ReceiveMode;
        PriorityLevels = options == null ? 1 : options.PriorityLevels;
    }

    internal readonly string Name;
    internal readonly int Capacity;
    internal readonly int SlotSize;
    internal readonly OverflowPolicy Overflow;
    internal readonly TaskEntry? Entry;
    internal readonly string? Owner;
    internal readonly ReceiveMode ReceiveMode;
    internal readonly int PriorityLevels;

    /// <summary>0 for a bounded buffer; otherwise the most messages the unbounded buffer may hold.</summary>
    internal readonly int UnboundedCeiling;

    /// <summary>Bytes of the slots, in 64 bits: a declaration's sizes are checked one by one, not their product.</summary>
    internal long StorageBytes => (long)Capacity * (SlotSize + BoundedBuffer.HeaderBytes);
}
