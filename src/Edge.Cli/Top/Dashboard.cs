using System;
using System.Collections.Generic;
using Edge.Pipelines.Metrics;

namespace Edge.Cli.Top;

/// <summary>
/// The rows of <c>edge top</c>, kept up to date from the values a <see cref="MeterSession"/> receives (on its reader
/// thread) and copied out for the screen (on the main thread), mailboxes by name and pins by number. Rates are a counter's increase over the refresh
/// interval; latency is the reader's percentiles over the last interval that had messages.
/// </summary>
internal sealed class Dashboard
{
    private readonly object _lock = new object(); // guards everything below; held only to copy a few numbers
    private readonly double _refreshSeconds;
    private readonly Dictionary<(string, string), MailboxRow> _mailboxes = new Dictionary<(string, string), MailboxRow>();
    private readonly List<MailboxRow> _mailboxOrder = new List<MailboxRow>();
    private readonly Dictionary<(string, string, string), PinRow> _pins = new Dictionary<(string, string, string), PinRow>();
    private readonly List<PinRow> _pinOrder = new List<PinRow>();
    private int _collections;
    private DateTime? _last;

    public Dashboard(double refreshSeconds)
    {
        _refreshSeconds = refreshSeconds;
    }

    /// <summary>Takes one published value.</summary>
    public void Apply(MetricEvent e)
    {
        lock (_lock)
        {
            string pipeline = e.Tag(MetricTags.Pipeline);
            switch (e.Instrument)
            {
                case MetricNames.MailboxCapacity:
                    Mailbox(pipeline, e).Capacity = e.Value;
                    break;
                case MetricNames.MailboxDepth:
                    Mailbox(pipeline, e).Depth = e.Value;
                    break;
                case MetricNames.MailboxHighWater:
                    Mailbox(pipeline, e).HighWater = e.Value;
                    break;
                case MetricNames.MailboxSent:
                    Mailbox(pipeline, e).Sent = e.Value;
                    break;
                case MetricNames.MailboxDelivered:
                    MailboxRow delivered = Mailbox(pipeline, e);
                    delivered.Delivered = e.Value;
                    delivered.DeliveredPerSecond = e.Delta / _refreshSeconds;
                    break;
                case MetricNames.MailboxDropped:
                    MailboxRow dropped = Mailbox(pipeline, e);
                    dropped.Dropped = e.Value;
                    dropped.DroppedPerSecond = e.Delta / _refreshSeconds;
                    break;
                case MetricNames.MailboxRefused:
                    Mailbox(pipeline, e).Refused = e.Value;
                    break;
                case MetricNames.PipelineLatency:
                    if (e.Count > 0 && e.Quantiles.TryGetValue(0.5, out double p50) && e.Quantiles.TryGetValue(0.99, out double p99))
                    {
                        MailboxRow read = Mailbox(pipeline, e);
                        read.P50 = p50;
                        read.P99 = p99;
                    }

                    break;
                case MetricNames.GpioEdgesSeen:
                    PinRow seen = Pin(pipeline, e);
                    seen.EdgesSeen = e.Value;
                    seen.EdgesPerSecond = e.Delta / _refreshSeconds;
                    break;
                case MetricNames.GpioEdgesAccepted:
                    Pin(pipeline, e).Accepted = e.Value;
                    break;
                case MetricNames.GpioDropped:
                    PinRow pinDropped = Pin(pipeline, e);
                    pinDropped.Dropped = e.Value;
                    pinDropped.DroppedPerSecond = e.Delta / _refreshSeconds;
                    break;
            }
        }
    }

    /// <summary>A collection's values are all in.</summary>
    public void Collected()
    {
        lock (_lock)
        {
            _collections++;
            _last = DateTime.UtcNow;
        }
    }

    public DashboardSnapshot Snapshot()
    {
        lock (_lock)
        {
            // The process publishes in no particular order: mailboxes by name, pins by number, so rows stay put.
            List<MailboxRow> mailboxes = _mailboxOrder.ConvertAll(m => m.Copy());
            mailboxes.Sort((a, b) => a.Pipeline != b.Pipeline ? string.CompareOrdinal(a.Pipeline, b.Pipeline) : string.CompareOrdinal(a.Name, b.Name));
            List<PinRow> pins = _pinOrder.ConvertAll(p => p.Copy());
            pins.Sort((a, b) => a.Pipeline != b.Pipeline ? string.CompareOrdinal(a.Pipeline, b.Pipeline) : PinNumber(a).CompareTo(PinNumber(b)));
            return new DashboardSnapshot(mailboxes, pins, _collections, _last);
        }
    }

    private static int PinNumber(PinRow p) => int.TryParse(p.Pin, out int n) ? n : int.MaxValue;

    private MailboxRow Mailbox(string pipeline, MetricEvent e)
    {
        string name = e.Tag(MetricTags.Mailbox);
        if (!_mailboxes.TryGetValue((pipeline, name), out MailboxRow? row))
        {
            row = new MailboxRow(pipeline, name);
            _mailboxes.Add((pipeline, name), row);
            _mailboxOrder.Add(row);
        }

        return row;
    }

    private PinRow Pin(string pipeline, MetricEvent e)
    {
        string source = e.Tag(MetricTags.Source);
        string pin = e.Tag(MetricTags.Pin);
        if (!_pins.TryGetValue((pipeline, source, pin), out PinRow? row))
        {
            row = new PinRow(pipeline, source, pin);
            _pins.Add((pipeline, source, pin), row);
            _pinOrder.Add(row);
        }

        return row;
    }
}
