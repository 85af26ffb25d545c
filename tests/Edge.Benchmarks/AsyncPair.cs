using System;
using System.Threading.Tasks;

namespace Edge.Benchmarks;

/// <summary>Runs two async loops on the thread pool and waits for both, failing fast if either fails.</summary>
internal static class AsyncPair
{
    public static void Run(Func<Task> first, Func<Task> second)
    {
        Task a = Task.Run(first);
        Task b = Task.Run(second);

        // The survivor of a failed loop would wait forever for its partner, so the first to end is
        // checked first.
        Task done = a == Task.WhenAny(a, b).GetAwaiter().GetResult() ? a : b;
        done.GetAwaiter().GetResult();
        (done == a ? b : a).GetAwaiter().GetResult();
    }
}
