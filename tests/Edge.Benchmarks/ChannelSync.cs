using System;
using System.Threading.Channels;
using System.Threading.Tasks;

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

    /// <summary>
    /// Writes by blocking in WriteAsync itself: the one blocking write that a rendezvous channel (capacity 0) pairs
    /// with a <see cref="Read{T}"/>. There, TryWrite succeeds only for a reader blocked in ReadAsync,
    /// WaitToWriteAsync completes only for such a reader, and WaitToReadAsync only for a writer blocked in
    /// WriteAsync; so a <see cref="Write{T}"/> and a <see cref="Read{T}"/> would wait for each other forever.
    /// </summary>
    public static void HandOver<T>(ChannelWriter<T> writer, T item)
    {
        ValueTask write = writer.WriteAsync(item);
        if (!write.IsCompletedSuccessfully)
        {
            write.AsTask().GetAwaiter().GetResult();
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
