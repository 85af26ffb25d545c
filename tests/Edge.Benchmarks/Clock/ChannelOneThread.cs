using System;
using System.Threading.Channels;

namespace Edge.Benchmarks.Clock;

/// <summary>A bounded channel used by one thread: TryWrite, then TryRead.</summary>
internal sealed class ChannelOneThread : Contender
{
    private readonly Channel<Message64> _channel;

    public ChannelOneThread(int capacity)
        : base("Channels TryWrite/TryRead", ContenderRole.Peer)
    {
        _channel = PeerChannels.CreateBounded(capacity);
    }

    public override void Run(int operations)
    {
        ChannelWriter<Message64> writer = _channel.Writer;
        ChannelReader<Message64> reader = _channel.Reader;
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            message.Sequence = i;
            if (!writer.TryWrite(message) || !reader.TryRead(out Message64 back))
            {
                throw new InvalidOperationException("A channel with room refused a write, or one holding a message refused a read.");
            }

            back.Verify(i);
        }
    }
}
