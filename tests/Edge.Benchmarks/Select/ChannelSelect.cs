using System.Threading.Channels;
using System.Threading.Tasks;

namespace Edge.Benchmarks.Select;

/// <summary>
/// A select over channel readers built the idiomatic way, since Channels has none: try TryRead on each reader
/// (in rotation from just after the last one that delivered, as Edge does), and when all are empty await
/// Task.WhenAny over every reader's WaitToReadAsync, then try again. That is notify-then-race: a completed
/// wait only says that a reader had an item, which another consumer could take first; and the waits that did
/// not win stay registered on their channels until an item arrives there. The benchmark never completes its
/// channels, so a wait that reports completion (false) is not handled.
/// </summary>
internal sealed class ChannelSelect
{
    private readonly ChannelReader<Message64>[] _readers;
    private readonly Task<bool>[] _waits;
    private int _cursor;

    public ChannelSelect(ChannelReader<Message64>[] readers)
    {
        _readers = readers;
        _waits = new Task<bool>[readers.Length];
    }

    /// <summary>The message and the index of the reader it came from.</summary>
    public async ValueTask<(Message64 Message, int Source)> ReceiveAsync()
    {
        int count = _readers.Length;
        while (true)
        {
            for (int k = 0; k < count; k++)
            {
                int s = (_cursor + k) % count;
                if (_readers[s].TryRead(out Message64 message))
                {
                    _cursor = s + 1;
                    return (message, s);
                }
            }

            for (int s = 0; s < count; s++)
            {
                _waits[s] = _readers[s].WaitToReadAsync().AsTask();
            }

            await Task.WhenAny(_waits);
        }
    }
}
