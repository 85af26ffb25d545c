using System.Collections.Generic;

namespace Edge.Hosting.Telemetry;

/// <summary>
/// A run's figures sampled over its time (virtual or real), for the HTML report: every
/// <see cref="RunSampler.IntervalNanoseconds"/> at first; a run too long to keep every sample is thinned, each time
/// doubling the interval, so at most <see cref="RunSampler.MaxSamples"/> samples are kept.
/// </summary>
public sealed class RunSeries
{
    internal RunSeries(string pipeline, bool virtualTime, IReadOnlyList<MailboxSeries> mailboxes, IReadOnlyList<PinSeries> pins, IReadOnlyList<StageSeries> stages)
    {
        Pipeline = pipeline;
        VirtualTime = virtualTime;
        Mailboxes = mailboxes;
        Pins = pins;
        Stages = stages;
    }

    /// <summary>The pipeline's name.</summary>
    public string Pipeline { get; }

    /// <summary>True when the times are the emulator's virtual time.</summary>
    public bool VirtualTime { get; }

    /// <summary>The interval between samples now, ns (it doubles each time the series is thinned).</summary>
    public long IntervalNanoseconds { get; internal set; } = RunSampler.IntervalNanoseconds;

    /// <summary>Each sample's time since the run began, seconds.</summary>
    public List<double> Seconds { get; } = new List<double>();

    /// <summary>The mailboxes, in file order.</summary>
    public IReadOnlyList<MailboxSeries> Mailboxes { get; }

    /// <summary>The GPIO pins, by source in file order, then pin order.</summary>
    public IReadOnlyList<PinSeries> Pins { get; }

    /// <summary>The stages and sinks, in file order.</summary>
    public IReadOnlyList<StageSeries> Stages { get; }
}
