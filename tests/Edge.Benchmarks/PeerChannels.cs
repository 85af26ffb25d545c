using System.Threading.Channels;

namespace Edge.Benchmarks;

/// <summary>The channel configuration every Channels peer uses: bounded, multi-reader, multi-writer like Edge's mailbox, waiting when full.</summary>
internal static class PeerChannels
{
    public static Channel<Message64> CreateBounded(int capacity) =>
        Channel.CreateBounded<Message64>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
}
