using System.Runtime.InteropServices;

namespace Edge.Cli.Demo;

/// <summary>
/// One simulated sensor reading: the payload a producer sends. Copied by value into a mailbox slot with
/// the typed <c>Send&lt;T&gt;</c>/<c>Receive&lt;T&gt;</c>, so its layout is fixed and it holds no references.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct Reading
{
    /// <summary>Creates a reading.</summary>
    public Reading(int producer, int counter, int centidegrees)
    {
        Producer = producer;
        Counter = counter;
        Centidegrees = centidegrees;
    }

    /// <summary>The producer's number, from 1.</summary>
    public int Producer { get; }

    /// <summary>The producer's own counter, from 1: a gap or a step back means lost or reordered readings.</summary>
    public int Counter { get; }

    /// <summary>The temperature, in hundredths of a degree Celsius.</summary>
    public int Centidegrees { get; }

    /// <summary>
    /// The temperature producer <paramref name="producer"/> reports as its reading number
    /// <paramref name="counter"/>: each producer hovers around its own base value, a little differently each time.
    /// </summary>
    public static Reading Simulate(int producer, int counter) =>
        new Reading(producer, counter, 2000 + (150 * ((producer - 1) % 10)) + (((counter * 37) + (producer * 11)) % 41) - 20);
}
