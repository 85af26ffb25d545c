using System.Collections.Generic;

namespace Edge.Pipelines;

/// <summary>
/// A pipeline's figures at one moment, as data: every mailbox's traffic and latency, every GPIO pin's and sampler's
/// counters. The command prints it; tools and tests read it.
/// </summary>
public sealed class PipelineSummary
{
    internal PipelineSummary(string name, IReadOnlyList<MailboxSummary> mailboxes, IReadOnlyList<PinSummary> pins, IReadOnlyList<SamplerSummary> samplers)
    {
        Name = name;
        Mailboxes = mailboxes;
        Pins = pins;
        Samplers = samplers;
    }

    /// <summary>The pipeline's name.</summary>
    public string Name { get; }

    /// <summary>The mailboxes, in file order.</summary>
    public IReadOnlyList<MailboxSummary> Mailboxes { get; }

    /// <summary>The GPIO pins, by source in file order, then pin order.</summary>
    public IReadOnlyList<PinSummary> Pins { get; }

    /// <summary>The BME280 samplers, in file order.</summary>
    public IReadOnlyList<SamplerSummary> Samplers { get; }

    /// <summary>The <c>shared</c> sources, in file order.</summary>
    public IReadOnlyList<SharedSourceSummary> SharedSources { get; init; } = System.Array.Empty<SharedSourceSummary>();

    /// <summary>The MQTT sinks and sources, in file order (sources first).</summary>
    public IReadOnlyList<MqttSummary> Mqtt { get; init; } = System.Array.Empty<MqttSummary>();
}
