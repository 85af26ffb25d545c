using Edge.Ipc;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Configuration;

/// <summary>A mailbox declared in a pipeline file.</summary>
public sealed class MailboxSpec
{
    /// <summary>The most slots a pipeline mailbox may have.</summary>
    public const int MaxCapacity = 65536;

    internal MailboxSpec(string name, int capacity, OverflowPolicy overflow, string entry)
    {
        Name = name;
        Capacity = capacity;
        Overflow = overflow;
        Entry = entry;
    }

    /// <summary>The mailbox name.</summary>
    public string Name { get; }

    /// <summary>Slots.</summary>
    public int Capacity { get; }

    /// <summary>What a post to a full mailbox does.</summary>
    public OverflowPolicy Overflow { get; }

    /// <summary>The entry in the file, such as <c>mailboxes[1]</c>.</summary>
    public string Entry { get; }

    /// <summary>
    /// True for a mailbox shared with other processes: the segment <c>/dev/shm/edge.NAME</c> (and its tap
    /// <c>edge.NAME.tap</c>) that the pipeline creates at start and deletes at stop.
    /// </summary>
    public bool Shared { get; internal init; }

    /// <summary>The group whose members may also open a shared mailbox (mode 0660); null for the owner only (0600).</summary>
    public string? Group { get; internal init; }

    /// <summary>The slot size when its writers set it (raw messages of an MQTT source); null for the kind's size.</summary>
    public int? SlotSize { get; internal set; }

    /// <summary>The message kind, inferred from its writers while wiring.</summary>
    public MessageKind? Kind { get; internal set; }
}
