using System;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Edge.Benchmarks.Select;

/// <summary>
/// Bounded channels with async loops on the thread pool: the consumer takes each message with a
/// <see cref="ChannelSelect"/>, the producer awaits WriteAsync of message i to channel i % sources.
/// </summary>
internal sealed class ChannelsAsyncSelect : Contender
{
    private readonly ChannelWriter<Message64>[] _writers;
    private readonly ChannelSelect _select;
    private readonly SourceTally _tally;
    private readonly Func<Task> _produce;
    private readonly Func<Task> _consume;
    private int _operations;

    public ChannelsAsyncSelect(int sources, int capacity)
        : base("ChannelsAsync", ContenderRole.Peer)
    {
        _writers = new ChannelWriter<Message64>[sources];
        ChannelReader<Message64>[] readers = new ChannelReader<Message64>[sources];
        for (int s = 0; s < sources; s++)
        {
            Channel<Message64> channel = PeerChannels.CreateBounded(capacity);
            _writers[s] = channel.Writer;
            readers[s] = channel.Reader;
        }

        _select = new ChannelSelect(readers);
        _tally = new SourceTally(sources);
        _produce = ProduceAsync;
        _consume = ConsumeAsync;
    }

    public override void Run(int operations)
    {
        _operations = operations;
        _tally.Reset();
        AsyncPair.Run(_produce, _consume);
        _tally.VerifyComplete(operations);
    }

    private async Task ProduceAsync()
    {
        int operations = _operations;
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            message.Sequence = i;
            await _writers[i % _writers.Length].WriteAsync(message);
        }
    }

    private async Task ConsumeAsync()
    {
        int operations = _operations;
        for (int i = 0; i < operations; i++)
        {
            (Message64 message, int source) = await _select.ReceiveAsync();
            _tally.Verify(source, message);
        }
    }
}
