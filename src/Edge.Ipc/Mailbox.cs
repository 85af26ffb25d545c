namespace Edge.Ipc;

/// <summary>
/// A bounded buffer with an identity: a unique <see cref="PortId"/>, a name in the runtime's registry, and
/// optionally an owner who decides who may send and receive. Any task may send unless the owner restricts
/// it; several tasks may share the receiving end. This is indirect communication: tasks talk through the
/// mailbox, not to each other.
/// </summary>
public sealed class Mailbox : BoundedBuffer
{
    private readonly int _taskSlots;

    internal Mailbox(string name, PortId port, EdgeTask? owner, ReceiveMode receiveMode, SlotStorage storage, OverflowPolicy overflow, IpcRuntime runtime, int taskSlots, int priorityLevels)
        : base(name, storage, overflow, runtime, priorityLevels: priorityLevels)
    {
        Port = port;
        Owner = owner;
        ReceiveMode = receiveMode;
        _taskSlots = taskSlots;
        if (receiveMode == ReceiveMode.OwnerOnly)
        {
            bool[] receivers = new bool[taskSlots];
            receivers[owner!.Id] = true;
            SetRights(null, receivers);
        }
    }

    /// <summary>The mailbox's unique id.</summary>
    public PortId Port { get; }

    /// <summary>The owning task, or null.</summary>
    public EdgeTask? Owner { get; }

    /// <summary>Who may receive, as declared.</summary>
    public ReceiveMode ReceiveMode { get; }

    /// <summary>
    /// Restricts sending to the owner and the tasks in <paramref name="allowed"/>; null lifts the restriction.
    /// A task without the right that sends gets an <see cref="System.InvalidOperationException"/> and nothing is
    /// delivered. Posts from interrupts (sender 0) are not affected.
    /// </summary>
    /// <param name="caller">Must be the owner.</param>
    /// <param name="allowed">The tasks that may send besides the owner, or null for everyone.</param>
    /// <remarks>Allocates the rights table; call it while wiring, not per message. Does not block.</remarks>
    public void RestrictSenders(EdgeTask caller, EdgeTask[]? allowed)
    {
        CheckOwner(caller);
        SetRights(BuildRights(caller, allowed), ReceiveRights);
    }

    /// <summary>
    /// Restricts receiving to the owner and the tasks in <paramref name="allowed"/>; null lifts the
    /// restriction. As <see cref="RestrictSenders"/>.
    /// </summary>
    public void RestrictReceivers(EdgeTask caller, EdgeTask[]? allowed)
    {
        CheckOwner(caller);
        SetRights(SendRights, BuildRights(caller, allowed));
    }

    private bool[]? BuildRights(EdgeTask owner, EdgeTask[]? allowed)
    {
        if (allowed == null)
        {
            return null;
        }

        bool[] rights = new bool[_taskSlots];
        rights[owner.Id] = true;
        for (int i = 0; i < allowed.Length; i++)
        {
            CheckTask(allowed[i], "allowed[" + i + "]");

            rights[allowed[i].Id] = true;
        }

        return rights;
    }

    private void CheckOwner(EdgeTask caller)
    {
        CheckTask(caller, "caller");

        if (Owner == null || caller != Owner)
        {
            ThrowHelper.ThrowInvalidOperation(
                "Only the owner of mailbox '" + Name + "' may change its rights; " + caller + " is not "
                + (Owner == null ? "(the mailbox has no owner)." : Owner + "."));
        }
    }

    private protected override void ThrowRetired() =>
        ThrowHelper.ThrowObjectDisposed(this + " is stale: the mailbox was recycled.");

    /// <inheritdoc />
    public override string ToString() => "mailbox '" + Name + "' (" + Port + ")";
}
