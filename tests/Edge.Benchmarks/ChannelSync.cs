using System;
using System.Threading.Channels;

namespace Edge.Benchmarks;

/// <summary>
/// Blocking use of a channel from a plain thread, the idiomatic sync-over-async way: try the synchronous
/// operation first and, only when it fails, block on the wait's task.
/// </summary>
internal static class ChannelSync
{
    public static void Write<T>(ChannelWriter<T> writer, T item)
    {
        while (!writer.TryWrite(item))
        {
            if (!writer.WaitToWriteAsync().AsTask().GetAwaiter().GetResult())
            {
                throw new InvalidOperationException("The channel was completed.");
            }
        }
    }

    public static T Read<T>(ChannelReader<T> reader)
    {
        T item;
        while (!reader.TryRead(out item!))
        {
            if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                throw new InvalidOperationException("The channel was completed.");
            }
        }

        return item;
    }
}
