using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Threading;
using Edge.Pipelines.Metrics;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Edge.Cli.Top;

/// <summary>
/// Attaches to a running .NET process the way dotnet-counters does: an EventPipe session over its diagnostics port
/// (Microsoft.Diagnostics.NETCore.Client) on the runtime's <c>System.Diagnostics.Metrics</c> event source, asking for
/// the <c>Edge</c> meter; TraceEvent parses the stream. The process aggregates and publishes every
/// <see cref="RefreshSeconds"/>; nothing of Edge's own runs for this but its observable instruments.
/// </summary>
/// <remarks>
/// The session is the event source's shared one (as dotnet-counters uses on .NET 8 and later), so dotnet-counters can
/// watch the same process at the same time if it asks for the same limits: <c>--maxHistograms 100</c>.
/// </remarks>
internal sealed class MeterSession : IDisposable
{
    /// <summary>How many histograms (one per stage and sink) the process may track for this session.</summary>
    public const int MaxHistograms = 100;

    /// <summary>How many time series the process may track for this session.</summary>
    public const int MaxTimeSeries = 1000;

    private const string Provider = "System.Diagnostics.Metrics";
    private const string SharedSession = "SHARED";

    private readonly EventPipeSession _session;
    private readonly Thread _reader;
    private readonly Action<MetricEvent> _onValue;
    private readonly Action _onCollected;
    private string? _error;

    private MeterSession(EventPipeSession session, double refreshSeconds, Action<MetricEvent> onValue, Action onCollected)
    {
        _session = session;
        RefreshSeconds = refreshSeconds;
        _onValue = onValue;
        _onCollected = onCollected;
        _reader = new Thread(Read) { IsBackground = true, Name = "edge top: EventPipe reader" };
    }

    /// <summary>Seconds between the values the process publishes.</summary>
    public double RefreshSeconds { get; }

    /// <summary>Set once the stream ended: the process exited or the session was stopped.</summary>
    public ManualResetEventSlim Ended { get; } = new ManualResetEventSlim();

    /// <summary>What the process reported as wrong with the session (such as another tool holding it with other limits), or null.</summary>
    public string? Error => Volatile.Read(ref _error);

    /// <summary>Starts a session on <paramref name="pid"/>.</summary>
    /// <param name="pid">The process.</param>
    /// <param name="refreshSeconds">Seconds between published values.</param>
    /// <param name="onValue">Called on the reader thread with each value of an Edge instrument.</param>
    /// <param name="onCollected">Called on the reader thread after each collection's values.</param>
    /// <exception cref="ServerNotAvailableException">The process has no diagnostics port that this user can reach.</exception>
    /// <exception cref="UnsupportedCommandException">The process refused the session.</exception>
    public static MeterSession Start(int pid, double refreshSeconds, Action<MetricEvent> onValue, Action onCollected)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SessionId"] = SharedSession,
            ["SharedIdentifier"] = Guid.NewGuid().ToString(),
            ["Metrics"] = EdgeMetrics.MeterName,
            ["RefreshInterval"] = refreshSeconds.ToString(CultureInfo.InvariantCulture),
            ["MaxTimeSeries"] = MaxTimeSeries.ToString(CultureInfo.InvariantCulture),
            ["MaxHistograms"] = MaxHistograms.ToString(CultureInfo.InvariantCulture),
        };
        var provider = new EventPipeProvider(Provider, EventLevel.Informational, 0x3, arguments);
        EventPipeSession session = new DiagnosticsClient(pid).StartEventPipeSession(new[] { provider }, requestRundown: false, circularBufferMB: 16);
        var meter = new MeterSession(session, refreshSeconds, onValue, onCollected);
        meter._reader.Start();
        return meter;
    }

    /// <summary>Stops the session, so the process stops aggregating, and waits for the stream to end.</summary>
    public void Dispose()
    {
        try
        {
            _session.Stop();
        }
        catch (Exception ex) when (ex is ServerNotAvailableException || ex is ServerErrorException || ex is TimeoutException || ex is System.IO.IOException)
        {
            // The process is gone already; so is the session.
        }

        Ended.Wait(TimeSpan.FromSeconds(5));
        _session.Dispose();
    }

    private void Read()
    {
        try
        {
            using var source = new EventPipeEventSource(_session.EventStream);
            source.Dynamic.All += OnEvent;
            source.Process();
        }
        catch (Exception ex) when (ex is System.IO.IOException || ex is ObjectDisposedException || ex is InvalidOperationException || ex is FormatException)
        {
            // The stream broke off: the process exited while a block was in flight.
        }
        finally
        {
            Ended.Set();
        }
    }

    private void OnEvent(TraceEvent e)
    {
        if (e.ProviderName != Provider)
        {
            return;
        }

        switch (e.EventName)
        {
            case "CounterRateValuePublished":
            case "UpDownCounterRateValuePublished":
                Value(e, Text(e, "value"), Text(e, "rate"), string.Empty, 0);
                break;
            case "GaugeValuePublished":
                Value(e, Text(e, "lastValue"), string.Empty, string.Empty, 0);
                break;
            case "HistogramValuePublished":
                Value(e, string.Empty, string.Empty, Text(e, "quantiles"), e.PayloadByName("count") is int n ? n : 0);
                break;
            case "CollectionStop":
            case "Collection/Stop": // TraceEvent names an event ending in Stop by its task and opcode
                if (Text(e, "sessionId") == SharedSession)
                {
                    _onCollected();
                }

                break;
            case "Error":
            case "ObservableInstrumentCallbackError":
                Volatile.Write(ref _error, Text(e, "errorMessage"));
                break;
            case "MultipleSessionsNotSupportedError":
                Volatile.Write(ref _error, "another tool is watching this process's metrics with a session of its own; stop it, or run dotnet-counters with --maxHistograms " + MaxHistograms + " beside edge top.");
                break;
            case "MultipleSessionsConfiguredIncorrectlyError":
                Volatile.Write(ref _error, "another tool watches this process's metrics with other limits; give dotnet-counters --refresh-interval 1 --maxHistograms " + MaxHistograms + " --maxTimeSeries " + MaxTimeSeries + " to watch beside edge top.");
                break;
        }
    }

    private void Value(TraceEvent e, string value, string delta, string quantiles, int count)
    {
        if (Text(e, "sessionId") != SharedSession || Text(e, "meterName") != EdgeMetrics.MeterName)
        {
            return;
        }

        _onValue(new MetricEvent(
            Text(e, "instrumentName"),
            MetricEvent.ParseTags(Text(e, "tags")),
            MetricEvent.Number(value),
            MetricEvent.Number(delta),
            MetricEvent.ParseQuantiles(quantiles),
            count));
    }

    private static string Text(TraceEvent e, string name) => e.PayloadByName(name) as string ?? string.Empty;
}
