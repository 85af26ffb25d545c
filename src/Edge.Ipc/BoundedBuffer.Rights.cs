namespace Edge.Ipc;

public partial class BoundedBuffer
{
    // Access rights, indexed by task id; null means everyone may. Set by a mailbox's owner through
    // Mailbox's rights methods and read here without the lock: a change takes effect for operations that
    // start after it, and an operation already past its check completes.
    private bool[]? _sendRights;
    private bool[]? _receiveRights;

    private protected bool[]? SendRights => _sendRights;

    private protected bool[]? ReceiveRights => _receiveRights;

    internal void SetRights(bool[]? sendRights, bool[]? receiveRights)
    {
        _sendRights = sendRights;
        _receiveRights = receiveRights;
    }

    private void CheckSendRight(EdgeTask sender)
    {
        bool[]? rights = _sendRights;
        if (rights != null && !rights[sender.Id])
        {
            ThrowNoRight(sender, "send to");
        }
    }

    private void CheckReceiveRight(EdgeTask receiver)
    {
        bool[]? rights = _receiveRights;
        if (rights != null && !rights[receiver.Id])
        {
            ThrowNoRight(receiver, "receive from");
        }
    }

    private void ThrowNoRight(EdgeTask task, string what) =>
        ThrowHelper.ThrowInvalidOperation(
            "Task '" + task.Name + "' (id " + task.Id + ") has no right to " + what + " '" + Name + "'; its owner restricts it.");
}
