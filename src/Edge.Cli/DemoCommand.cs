using System.CommandLine;
using System.Globalization;
using Edge.Cli.Demo;

namespace Edge.Cli;

/// <summary>
/// <c>edge demo</c>: parses the options, hands them to <see cref="MailboxDemo"/> and returns its exit code.
/// Out-of-range values are usage errors that name the option, the limits and the value given.
/// </summary>
internal static class DemoCommand
{
    /// <summary>Builds the <c>demo</c> command and its options.</summary>
    internal static Command Create()
    {
        Option<int> messages = RangeOption(
            "--messages", "Readings each producer sends.", DemoSettings.DefaultMessages, DemoSettings.MinMessages, DemoSettings.MaxMessages);
        Option<int> producers = RangeOption(
            "--producers", "Producer tasks sending at the same time.", DemoSettings.DefaultProducers, DemoSettings.MinProducers, DemoSettings.MaxProducers);
        Option<int> capacity = RangeOption(
            "--capacity", "Messages the mailbox holds; 0 is a rendezvous.", DemoSettings.DefaultCapacity, DemoSettings.MinCapacity, DemoSettings.MaxCapacity);
        Option<int> consumerDelay = RangeOption(
            "--consumer-delay-ms", "Simulated work per message in the consumer, to show back-pressure.", DemoSettings.DefaultConsumerDelayMs, DemoSettings.MinConsumerDelayMs, DemoSettings.MaxConsumerDelayMs);

        var command = new Command(
            "demo",
            "Producer tasks send sensor readings through one bounded mailbox to a consumer task; "
            + "prints every message as it flows, then the mailbox statistics.");
        command.Options.Add(messages);
        command.Options.Add(producers);
        command.Options.Add(capacity);
        command.Options.Add(consumerDelay);
        command.SetAction(parseResult =>
        {
            var settings = new DemoSettings(
                parseResult.GetValue(messages),
                parseResult.GetValue(producers),
                parseResult.GetValue(capacity),
                parseResult.GetValue(consumerDelay));
            using var demo = new MailboxDemo(settings, parseResult.InvocationConfiguration.Output);
            return demo.Run();
        });
        return command;
    }

    /// <summary>
    /// An integer option whose parser also checks the range, so that a value that is not a number and a
    /// number out of range get the same clear usage error.
    /// </summary>
    private static Option<int> RangeOption(string name, string description, int defaultValue, int min, int max)
    {
        return new Option<int>(name)
        {
            Description = description + " " + min + ".." + max + ".",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                string given = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (int.TryParse(given, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
                    && value >= min && value <= max)
                {
                    return value;
                }

                result.AddError(DemoSettings.RangeError(name, min, max, given));
                return defaultValue;
            },
        };
    }
}
