using System;
using System.Globalization;
using Edge.Ipc;

namespace Edge.Cli.Demo;

/// <summary>
/// What <see cref="MailboxDemo"/> runs: how many producers send how many readings through a mailbox of what
/// capacity, and how slow the consumer is. Always valid: the constructor refuses values outside the limits.
/// </summary>
internal sealed class DemoSettings
{
    /// <summary>Default readings per producer.</summary>
    public const int DefaultMessages = 20;

    /// <summary>Fewest readings per producer.</summary>
    public const int MinMessages = 1;

    /// <summary>Most readings per producer (keeps the total within an <see cref="int"/> at the most producers).</summary>
    public const int MaxMessages = 1_000_000;

    /// <summary>Default number of producer tasks.</summary>
    public const int DefaultProducers = 2;

    /// <summary>Fewest producer tasks.</summary>
    public const int MinProducers = 1;

    /// <summary>Most producer tasks: every task the runtime can hold but the consumer.</summary>
    public const int MaxProducers = IpcLayout.MaxTasks - 1;

    /// <summary>Default mailbox capacity; small, so that producers meet back-pressure.</summary>
    public const int DefaultCapacity = 4;

    /// <summary>Smallest capacity: 0 is a rendezvous, each send waits for the consumer to take it.</summary>
    public const int MinCapacity = 0;

    /// <summary>Largest capacity the core allows.</summary>
    public const int MaxCapacity = IpcLayout.MaxCapacity;

    /// <summary>Default simulated work per message, in milliseconds.</summary>
    public const int DefaultConsumerDelayMs = 0;

    /// <summary>Least simulated work per message.</summary>
    public const int MinConsumerDelayMs = 0;

    /// <summary>Most simulated work per message (ten seconds).</summary>
    public const int MaxConsumerDelayMs = 10_000;

    /// <summary>Creates settings, checking each value against its limits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its limits; the message names the option, the limits and the value.</exception>
    public DemoSettings(
        int messages = DefaultMessages,
        int producers = DefaultProducers,
        int capacity = DefaultCapacity,
        int consumerDelayMs = DefaultConsumerDelayMs)
    {
        Check(nameof(messages), "--messages", MinMessages, MaxMessages, messages);
        Check(nameof(producers), "--producers", MinProducers, MaxProducers, producers);
        Check(nameof(capacity), "--capacity", MinCapacity, MaxCapacity, capacity);
        Check(nameof(consumerDelayMs), "--consumer-delay-ms", MinConsumerDelayMs, MaxConsumerDelayMs, consumerDelayMs);
        Messages = messages;
        Producers = producers;
        Capacity = capacity;
        ConsumerDelayMs = consumerDelayMs;
    }

    /// <summary>Readings each producer sends.</summary>
    public int Messages { get; }

    /// <summary>Producer tasks sending at the same time.</summary>
    public int Producers { get; }

    /// <summary>Messages the mailbox holds; 0 is a rendezvous.</summary>
    public int Capacity { get; }

    /// <summary>Simulated work per message in the consumer, in milliseconds.</summary>
    public int ConsumerDelayMs { get; }

    /// <summary>Readings sent in all: <see cref="Messages"/> times <see cref="Producers"/>.</summary>
    public int TotalMessages => Messages * Producers;

    /// <summary>The one wording of an out-of-range value, shared by the command line and the constructor.</summary>
    /// <param name="option">The option's name, such as "--capacity".</param>
    /// <param name="min">The smallest value allowed.</param>
    /// <param name="max">The largest value allowed.</param>
    /// <param name="given">The value as given; it may not be a number at all.</param>
    /// <returns>For example "--capacity must be 0..1048576, got -1".</returns>
    public static string RangeError(string option, int min, int max, string given) =>
        option + ": must be a whole number from " + min.ToString(CultureInfo.InvariantCulture) + " to " + max.ToString(CultureInfo.InvariantCulture)
        + "; got " + (given.Length == 0 ? "nothing" : "'" + given + "'") + ".";

    private static void Check(string paramName, string option, int min, int max, int value)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(
                paramName, value, RangeError(option, min, max, value.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
