using System;
using System.Diagnostics;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Edge.Benchmarks.Select;

/// <summary>
/// Bounded channels with async loops on the thread pool: the pinger awaits WriteAsync of request i to channel
/// i % sources, then ReadAsync of the reply; the ponger takes requests with a <see cref="ChannelSelect"/> and
/// echoes them with WriteAsync.
/// </summary>
internal sealed class ChannelsAsyncSelectRoundTrip : LatencyContender
{
    private readonly ChannelWriter<Message64>[] _requests;
    private readonly ChannelSelect _select;
    private readonly Channel<Message64> _replies;
    private readonly SourceTally _tally;
    private readonly Func<Task> _ping;
    private readonly Func<Task> _pong;
    private int _operations;

    public ChannelsAsyncSelectRoundTrip(int sources, int capacity, int maxOperations)
        : base("ChannelsAsync", ContenderRole.Peer, maxOperations)
    {
        _requests = new ChannelWriter<Message64>[sources];
        ChannelReader<Message64>[] readers = new ChannelReader<Message64>[sources];
        for (int s = 0; s < sources; s++)
        {
            Channel<Message64> channel = PeerChannels.CreateBounded(capacity);
            _requests[s] = channel.Writer;
            readers[s] = channel.Reader;
        }

        _select = new ChannelSelect(readers);
        _replies = PeerChannels.CreateBounded(capacity);
        _tally = new SourceTally(sources);
        _ping = PingAsync;
        _pong = PongAsync;
    }

    public override void Run(int operations)
    {
        _operations = operations;
        _tally.Reset();
        AsyncPair.Run(_pong, _ping);
        _tally.VerifyComplete(operations);
    }

    private async Task PingAsync()
    {
        long[] samples = Samples;
        ChannelReader<Message64> replies = _replies.Reader;
        int operations = _operations;
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            long start = Stopwatch.GetTimestamp();
            message.Sequence = i;
            await _requests[i % _requests.Length].WriteAsync(message);
            (await replies.ReadAsync()).Verify(i);
            samples[i] = Stopwatch.GetTimestamp() - start;
        }
    }

    private async Task PongAsync()
    {
        ChannelWriter<Message64> replies = _replies.Writer;
        int operations = _operations;
        for (int i = 0; i < operations; i++)
        {
            (Message64 message, int source) = await _select.ReceiveAsync();
            _tally.Verify(source, message);
            await replies.WriteAsync(message);
        }
    }
}
