using System;
using System.Diagnostics;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Edge.Benchmarks.RoundTrip;

/// <summary>
/// Two bounded channels with async loops on the thread pool: the pinger awaits WriteAsync then ReadAsync
/// (one reply expected, so ReadAsync is the idiomatic read), the ponger awaits ReadAsync then WriteAsync.
/// </summary>
internal sealed class ChannelsAsyncRoundTrip : LatencyContender
{
    private readonly Channel<Message64> _requests;
    private readonly Channel<Message64> _replies;
    private readonly Func<Task> _ping;
    private readonly Func<Task> _pong;
    private int _operations;

    public ChannelsAsyncRoundTrip(int capacity, int maxOperations)
        : base("ChannelsAsync", ContenderRole.Peer, maxOperations)
    {
        _requests = PeerChannels.CreateBounded(capacity);
        _replies = PeerChannels.CreateBounded(capacity);
        _ping = PingAsync;
        _pong = PongAsync;
    }

    public override void Run(int operations)
    {
        _operations = operations;
        AsyncPair.Run(_pong, _ping);
    }

    private async Task PingAsync()
    {
        long[] samples = Samples;
        ChannelWriter<Message64> requests = _requests.Writer;
        ChannelReader<Message64> replies = _replies.Reader;
        int operations = _operations;
        Message64 message = default;
        for (int i = 0; i < operations; i++)
        {
            long start = Stopwatch.GetTimestamp();
            message.Sequence = i;
            await requests.WriteAsync(message);
            (await replies.ReadAsync()).Verify(i);
            samples[i] = Stopwatch.GetTimestamp() - start;
        }
    }

    private async Task PongAsync()
    {
        ChannelReader<Message64> requests = _requests.Reader;
        ChannelWriter<Message64> replies = _replies.Writer;
        int operations = _operations;
        for (int i = 0; i < operations; i++)
        {
            await replies.WriteAsync(await requests.ReadAsync());
        }
    }
}
