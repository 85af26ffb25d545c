using System;
using System.Collections.Generic;
using System.Device.I2c;
using System.Globalization;
using System.IO;
using System.Threading;
using Edge.Configuration;
using Edge.Hardware.Gpio;
using Edge.Hardware.Sensors;
using Edge.Ipc;
using Edge.Ipc.Process;
using Edge.Pipelines.Configuration;
using Edge.Pipelines.Messages;
using Edge.Pipelines.Metrics;
using Edge.Pipelines.Mqtt;
using Edge.Pipelines.Shared;
using Edge.Pipelines.Sinks;
using Iot.Device.Bmxx80;

namespace Edge.Pipelines;

/// <summary>
/// A pipeline wired from a pipeline file: mailboxes, sources (GPIO, BME280), stages and sinks, each stage and sink
/// a cooperating Edge task. The file is validated completely before anything is built; the layout is built
/// before any source is created; nothing starts half-wired.
/// </summary>
/// <remarks>
/// Life cycle: <see cref="Load"/> or <see cref="Parse"/> (validate and build), <see cref="Start"/>, then call
/// <see cref="Poll"/> regularly from one thread (samplers and GPIO watchdogs are clock-driven), optionally
/// <see cref="WaitIdle"/> between steps, then <see cref="Stop"/>.
/// </remarks>
public sealed class Pipeline : IDisposable
{
    private readonly PipelineSpec _spec;
    private readonly IpcRuntime _runtime;
    private readonly List<GpioEventSource> _gpio = new List<GpioEventSource>();
    private readonly List<Bme280Sampler> _samplers = new List<Bme280Sampler>();
    private readonly Edge.Hardware.Recording.IInputRecorder? _recorder;
    private readonly Dictionary<string, PipelineNode> _readers = new Dictionary<string, PipelineNode>(StringComparer.Ordinal);
    private MqttClients? _mqtt;
    private readonly EdgeMetrics _metrics;
    private readonly List<SharedSegments> _segments = new List<SharedSegments>();
    private readonly Dictionary<string, SharedMailboxWriter> _sharedWriters = new Dictionary<string, SharedMailboxWriter>(StringComparer.Ordinal);
    private readonly Dictionary<string, SharedInput> _sharedInputs = new Dictionary<string, SharedInput>(StringComparer.Ordinal);
    private readonly Dictionary<string, SharedMailboxStatistics> _sharedFinal = new Dictionary<string, SharedMailboxStatistics>(StringComparer.Ordinal);
    private readonly List<SharedSource> _sharedSources = new List<SharedSource>();
    private readonly CancellationTokenSource _sourcesEnded = new CancellationTokenSource();
    private bool _stopped;
    private bool _sharedReleased;

    private Pipeline(PipelineSpec spec, PipelineHardware hardware)
    {
        _spec = spec;
        _recorder = hardware.Recorder;
        IsDeterministic = hardware.Deterministic;
        StartNanoseconds = _recorder?.OriginNanoseconds ?? hardware.Clock.NowNanoseconds;
        RefuseSharedOnVirtualTime(spec, IsDeterministic);
        OpenShared(spec);
        var layout = new IpcLayout();
        AddSharedTasks(spec, layout);
        foreach (PipelineNode node in spec.Nodes)
        {
            PipelineNode n = node;
            if (IsDeterministic)
            {
                // Driven by the scheduler's thread, one message at a time (see RunScheduled).
                layout.AddTask(n.Name);
            }
            else
            {
                layout.AddTask(n.Name, self => n.Run(self));
            }

            _readers.TryAdd(n.From, n); // a shared mailbox's entry is its writer; its reader reads the segment
        }

        foreach (MqttSource s in spec.MqttSources)
        {
            layout.AddTask(s.Options.Name); // an MQTT source sends from the client's thread, waiting for room at QoS 1 and 2
        }

        foreach (MailboxSpec m in spec.Mailboxes)
        {
            layout.AddMailbox(m.Name, m.Capacity, SlotSizeOf(m), new MailboxOptions { Overflow = m.Overflow });
        }

        try
        {
            _runtime = layout.Build(hardware.Clock);
        }
        catch
        {
            ReleaseShared();
            throw;
        }

        try
        {
            BindNodes(spec);
            foreach (GpioSourceSpec g in spec.GpioSources)
            {
                _gpio.Add(new GpioEventSource(hardware.Gpio, _runtime.GetMailbox(g.To), hardware.Clock, g.Pins) { Recorder = hardware.Recorder });
            }

            foreach (SamplerSpec s in spec.Samplers)
            {
                _samplers.Add(OpenSampler(spec, s, hardware));
            }

            foreach (PipelineNode node in spec.Nodes)
            {
                if (node is FileSink sink)
                {
                    OpenSink(spec, sink, hardware.WallClock);
                }
            }

            _mqtt = MqttClients.Open(spec, _runtime, hardware.Mqtt, hardware.WallClock);
            _metrics = EdgeMetrics.ForPipeline(spec, _runtime, _gpio, _samplers);
            _mqtt.AddInstruments(_metrics);
        }
        catch
        {
            DisposeParts();
            ReleaseShared();
            throw;
        }
    }

    /// <summary>Opens the other processes' mailboxes that <c>shared</c> sources read, then creates this pipeline's shared mailboxes; on failure releases what it made.</summary>
    private void OpenShared(PipelineSpec spec)
    {
        try
        {
            foreach (SharedSourceSpec s in spec.SharedSources)
            {
                SharedSource source = SharedSource.Open(spec.File, s);
                _sharedSources.Add(source);
                MailboxSpec to = spec.Mailboxes.Find(m => m.Name == s.To)!;
                if (s.Kind == MessageKind.Raw)
                {
                    to.SlotSize = Math.Max(to.SlotSize ?? 0, source.SlotSize);
                }
            }

            foreach (MailboxSpec m in spec.Mailboxes)
            {
                if (m.Shared)
                {
                    _segments.Add(SharedSegments.Create(spec.File, m, SlotSizeOf(m)));
                }
            }
        }
        catch
        {
            ReleaseShared();
            throw;
        }
    }

    /// <summary>The task that moves each shared mailbox's messages into its segment, and the shared sources' tasks (no body: their threads send for them).</summary>
    private void AddSharedTasks(PipelineSpec spec, IpcLayout layout)
    {
        foreach (SharedSegments shared in _segments)
        {
            MailboxSpec m = spec.Mailboxes.Find(x => x.Name == shared.Name)!;
            var writer = new SharedMailboxWriter(m.Name, m.Entry, shared.Mailbox);
            _sharedWriters[m.Name] = writer;
            _readers[m.Name] = writer;
            layout.AddTask(writer.Name, self => writer.Run(self));
        }

        foreach (SharedSource s in _sharedSources)
        {
            layout.AddTask(s.Name); // a shared source sends from its own thread, waiting for room
        }
    }

    /// <summary>Binds the shared mailboxes' writers, the stages and sinks (a reader of a shared mailbox to its segment) and the shared sources.</summary>
    private void BindNodes(PipelineSpec spec)
    {
        foreach (SharedMailboxWriter writer in _sharedWriters.Values)
        {
            writer.Bind(_runtime);
        }

        foreach (PipelineNode node in spec.Nodes)
        {
            SharedSegments? shared = _segments.Find(x => x.Name == node.From);
            SharedInput? input = shared == null ? null : new SharedInput(shared.Mailbox, shared.Tap, _runtime.Clock, spec.Mailboxes.Find(m => m.Name == node.From)!.Kind!.Value);
            if (input != null)
            {
                _sharedInputs[node.From] = input;
            }

            node.Bind(_runtime, input);
        }

        foreach (SharedSource s in _sharedSources)
        {
            s.Bind(_runtime);
        }
    }

    /// <summary>
    /// Cancelled when every source of the pipeline has ended on its own: only <c>shared</c> sources do (when the other
    /// process closes its mailbox), so a pipeline fed only by other processes can stop when they have. Never cancelled
    /// for a pipeline with any other source.
    /// </summary>
    public CancellationToken SourcesEnded => _sourcesEnded.Token;

    /// <summary>The slot size of a mailbox: its writers' when they set it (raw), else its kind's.</summary>
    private static int SlotSizeOf(MailboxSpec m) => m.SlotSize ?? MessageCodec.For(m.Kind!.Value).Size;

    /// <summary>Shared mailboxes and sources exchange messages with other processes on the wall clock: virtual time cannot take part.</summary>
    private static void RefuseSharedOnVirtualTime(PipelineSpec spec, bool deterministic)
    {
        MailboxSpec? shared = spec.Mailboxes.Find(m => m.Shared);
        string? entry = shared != null ? shared.Entry + ".shared" : spec.SharedSources.Count > 0 ? spec.SharedSources[0].Entry : null;
        if (!deterministic || entry == null)
        {
            return;
        }

        throw new ConfigurationException(spec.File, entry, "needs real time: a shared mailbox is exchanged with other processes on the wall clock, which the emulator's virtual time does not follow; add --real-time (or run on a board).");
    }

    /// <summary>Once: stops the shared sources and detaches from other processes' mailboxes; closes and removes this pipeline's segments.</summary>
    private void ReleaseShared()
    {
        if (_sharedReleased)
        {
            return;
        }

        _sharedReleased = true;
        foreach (SharedSource s in _sharedSources)
        {
            s.Dispose();
        }

        foreach (SharedSegments segments in _segments)
        {
            segments.Delete();
        }
    }

    /// <summary>
    /// The pipeline's time 0 on its clock: sampler schedules and the first watchdog windows count from here. When the
    /// run is recorded, the recording's origin, so a replay schedules exactly as the recorded run did.
    /// </summary>
    public long StartNanoseconds { get; }

    /// <summary>The pipeline's name.</summary>
    public string Name => _spec.Name;

    /// <summary>
    /// Opens a BME280 sampler. A chip that does not answer (not wired, wrong address, I2C disabled, or not in
    /// the emulator's scenario) is reported against the pipeline entry that asked for it.
    /// </summary>
    private Bme280Sampler OpenSampler(PipelineSpec spec, SamplerSpec s, PipelineHardware hardware)
    {
        I2cDevice? device = null;
        try
        {
            device = hardware.OpenI2c(new I2cConnectionSettings(s.Bus, s.Address));
            var bme = new Bme280(device);
            return new Bme280Sampler(bme, _runtime.GetMailbox(s.To), s.PeriodNanoseconds, StartNanoseconds)
            {
                Recorder = hardware.Recorder,
                Bus = s.Bus,
                Address = s.Address,
            };
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException)
        {
            device?.Dispose();
            throw new ConfigurationException(
                spec.File,
                s.Entry,
                "no BME280 answered on I2C bus " + s.Bus + " at address 0x" + s.Address.ToString("x2", CultureInfo.InvariantCulture)
                + " (" + ex.Message.TrimEnd('.') + "). On a board, check the wiring and that I2C is enabled; on the emulator, the scenario must define the sensor.",
                ex);
        }
    }

    /// <summary>Creates a file sink's file, or reports why it cannot against the sink's <c>path</c> entry.</summary>
    private static void OpenSink(PipelineSpec spec, FileSink sink, WallClock wallClock)
    {
        try
        {
            sink.Open(wallClock);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            string why = ex is UnauthorizedAccessException ? "permission denied" : ex.Message.TrimEnd('.');
            throw new ConfigurationException(spec.File, sink.Entry + ".path", "cannot create " + sink.Path + ": " + why + ".", ex);
        }
    }

    /// <summary>The runtime holding the tasks and mailboxes.</summary>
    public IpcRuntime Runtime => _runtime;

    /// <summary>The GPIO sources, in file order.</summary>
    public IReadOnlyList<GpioEventSource> GpioSources => _gpio;

    /// <summary>The BME280 samplers, in file order.</summary>
    public IReadOnlyList<Bme280Sampler> Samplers => _samplers;

    /// <summary>The stages and sinks, in file order.</summary>
    public IReadOnlyList<PipelineNode> Nodes => _spec.Nodes;

    /// <summary>The pipeline's <c>Edge</c> meter; its instruments live until the pipeline is disposed.</summary>
    public EdgeMetrics Metrics => _metrics;

    /// <summary>Loads, validates and builds a pipeline file.</summary>
    /// <param name="path">The pipeline file.</param>
    /// <param name="hardware">What it runs on.</param>
    /// <param name="output">Where console sinks write.</param>
    /// <returns>The built (not started) pipeline.</returns>
    /// <remarks>May block (file and I2C access). Not for interrupt or driver callbacks.</remarks>
    /// <exception cref="ConfigurationException">The file is unreadable or wrong, a sensor does not answer, or an output
    /// file cannot be created; the message names file, entry and problem.</exception>
    public static Pipeline Load(string path, PipelineHardware hardware, SinkOutput output) =>
        Parse(ConfigFile.ReadText(path), path, hardware, output);

    /// <summary>Validates and builds a pipeline from JSON text; see <see cref="Load"/>.</summary>
    /// <param name="json">The pipeline JSON.</param>
    /// <param name="file">The name used in errors.</param>
    /// <param name="hardware">What it runs on.</param>
    /// <param name="output">Where console sinks write.</param>
    /// <returns>The built pipeline.</returns>
    /// <exception cref="ConfigurationException">The JSON is wrong.</exception>
    public static Pipeline Parse(string json, string file, PipelineHardware hardware, SinkOutput output)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        ArgumentNullException.ThrowIfNull(output);
        return new Pipeline(PipelineSpec.Parse(json, file, hardware.Board, hardware.Gpio.PinCount, output), hardware);
    }

    /// <summary>Starts the stage and sink tasks, then registers the GPIO callbacks.</summary>
    /// <remarks>May block briefly (thread start, driver calls). Not for interrupt or driver callbacks.</remarks>
    public void Start()
    {
        _runtime.Start();
        _mqtt?.Start();
        foreach (GpioEventSource g in _gpio)
        {
            g.Start(StartNanoseconds);
        }

        foreach (SharedSource s in _sharedSources)
        {
            s.Start();
        }

        WatchSourcesEnding();
    }

    /// <summary>When <c>shared</c> sources are the only sources, cancels <see cref="SourcesEnded"/> once each has ended.</summary>
    private void WatchSourcesEnding()
    {
        bool onlyShared = _sharedSources.Count > 0 && _gpio.Count == 0 && _samplers.Count == 0 && _spec.MqttSources.Count == 0;
        if (!onlyShared)
        {
            return;
        }

        int remaining = _sharedSources.Count;
        foreach (SharedSource s in _sharedSources)
        {
            ThreadPool.RegisterWaitForSingleObject(s.Ended, (_, _) =>
            {
                if (Interlocked.Decrement(ref remaining) == 0)
                {
                    _sourcesEnded.Cancel();
                }
            }, null, Timeout.Infinite, executeOnlyOnce: true);
        }
    }

    /// <summary>Takes due sensor readings and runs GPIO glitch settling and watchdogs at <paramref name="nowNanoseconds"/>. One thread.</summary>
    /// <param name="nowNanoseconds">The clock's time now.</param>
    /// <remarks>Blocks for sensor I2C transfers. Not for interrupt or driver callbacks.</remarks>
    public void Poll(long nowNanoseconds)
    {
        _recorder?.Poll(nowNanoseconds);
        foreach (Bme280Sampler s in _samplers)
        {
            s.Poll(nowNanoseconds);
        }

        foreach (GpioEventSource g in _gpio)
        {
            g.Poll(nowNanoseconds);
        }
    }

    /// <summary>
    /// Waits until every mailbox is empty and every stage and sink has finished what it received (checked twice in
    /// a row with the same counts), or the timeout passes. Used on virtual time to make runs deterministic.
    /// </summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>True when idle.</returns>
    /// <remarks>Blocks (spins and yields). Not for interrupt or driver callbacks.</remarks>
    public bool WaitIdle(TimeSpan timeout)
    {
        if (IsDeterministic)
        {
            RunScheduled();
            return true;
        }

        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        long previous = -1;
        var spinner = default(SpinWait);
        while (true)
        {
            long total = 0;
            bool idle = true;
            foreach (Mailbox m in _runtime.GetMailboxes())
            {
                BufferStatistics st = m.GetStatistics();
                PipelineNode reader = _readers[m.Name];
                idle &= st.Depth == 0 && reader.Processed == st.Received;
                total += st.Sent + st.Dropped + st.Received;
            }

            foreach (SharedSegments shared in _segments)
            {
                // Wait for this pipeline's own reader of a shared mailbox; what another process reads is its business.
                if (_sharedInputs.TryGetValue(shared.Name, out SharedInput? input))
                {
                    SharedMailboxStatistics st = shared.Mailbox.GetStatistics();
                    PipelineNode reader = _spec.Nodes.Find(n => n.From == shared.Name)!;
                    idle &= st.Depth == 0 && reader.Processed == input.Delivered;
                    total += st.Sent + st.Dropped + st.Received + input.Skipped;
                }
            }

            if (idle && total == previous)
            {
                return true;
            }

            previous = idle ? total : -1;
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            spinner.SpinOnce();
        }
    }

    /// <summary>True when stages and sinks run under the deterministic scheduler (see <see cref="PipelineHardware.Deterministic"/>).</summary>
    public bool IsDeterministic { get; }

    /// <summary>
    /// The deterministic scheduler: passes over the stages and sinks in file order, each taking and handling every
    /// message waiting for it, until a whole pass finds nothing. One thread (the caller's) runs every node, so the
    /// order in which messages are handled, forwarded, refused or dropped depends on nothing but what arrived.
    /// </summary>
    private void RunScheduled()
    {
        bool progress = true;
        while (progress)
        {
            progress = false;
            foreach (PipelineNode node in _spec.Nodes)
            {
                EdgeTask task = _runtime.GetTask(node.Name);
                while (node.TryHandleOne(task))
                {
                    progress = true;
                }
            }
        }
    }

    /// <summary>
    /// Stops the sources: GPIO callbacks are unregistered (samplers take readings only when polled), so nothing new
    /// enters the mailboxes; what is in them can then drain through stages and sinks before <see cref="Stop"/>.
    /// </summary>
    /// <remarks>May block briefly (driver calls). Not for interrupt or driver callbacks.</remarks>
    public void StopSources()
    {
        foreach (GpioEventSource g in _gpio)
        {
            g.Dispose();
        }

        _mqtt?.StopSources();
        foreach (SharedSource s in _sharedSources)
        {
            s.Stop();
        }
    }

    /// <summary>Stops the tasks, closes files and unregisters GPIO callbacks.</summary>
    /// <returns>The faults of tasks that failed (empty when all went well).</returns>
    /// <remarks>Blocks up to five seconds for the tasks. Not for interrupt or driver callbacks.</remarks>
    public IReadOnlyList<string> Stop()
    {
        var faults = new List<string>();
        if (_stopped)
        {
            return faults;
        }

        _stopped = true;
        foreach (GpioEventSource g in _gpio)
        {
            g.Dispose();
        }

        _mqtt?.StopSources();
        foreach (SharedSource s in _sharedSources)
        {
            s.Stop();
        }

        if (IsDeterministic)
        {
            RunScheduled();
            foreach (PipelineNode node in _spec.Nodes)
            {
                node.FinishScheduled();
            }
        }

        if (!_runtime.Stop(5000))
        {
            faults.Add("some tasks did not stop within 5 s");
        }

        _mqtt?.Stop(); // after the sinks' tasks: their outboxes drain to the broker
        foreach (SharedSegments shared in _segments)
        {
            _sharedFinal[shared.Name] = shared.Mailbox.GetStatistics();
        }

        ReleaseShared(); // other processes' receivers take what is queued, then see Closed

        foreach (EdgeTask t in _runtime.GetTasks())
        {
            if (t.Fault != null)
            {
                faults.Add("task '" + t.Name + "' failed: " + t.Fault.Message);
            }
        }

        foreach (PipelineNode node in _spec.Nodes)
        {
            if (node.Fault != null)
            {
                faults.Add("task '" + node.Name + "' failed: " + node.Fault.Message);
            }
        }

        DisposeParts();
        return faults;
    }

    /// <summary>The pipeline's figures now: each mailbox's traffic and latency, each GPIO pin's and sampler's counters.</summary>
    /// <returns>The summary, as data.</returns>
    /// <remarks>Allocates; call between steps or after <see cref="Stop"/>. Never blocks for long. Not for interrupt or driver callbacks.</remarks>
    public PipelineSummary GetSummary()
    {
        var mailboxes = new List<MailboxSummary>();
        foreach (MailboxSpec spec in _spec.Mailboxes)
        {
            Mailbox m = _runtime.GetMailbox(spec.Name);
            BufferStatistics statistics = spec.Shared ? SharedStatistics(spec.Name, m.GetStatistics()) : m.GetStatistics();
            PipelineNode? reader = _spec.Nodes.Find(n => n.From == spec.Name);
            mailboxes.Add(new MailboxSummary(
                m.Name,
                MessageCodec.For(spec.Kind!.Value).Name,
                m.Overflow,
                statistics,
                reader?.Latency.Summarize() ?? new LatencyRecorder().Summarize()) { Shared = spec.Shared });
        }

        var pins = new List<PinSummary>();
        for (int i = 0; i < _gpio.Count; i++)
        {
            foreach (int pin in _gpio[i].GetPins())
            {
                pins.Add(new PinSummary(_spec.GpioSources[i].Name, pin, _gpio[i].GetStatistics(pin)));
            }
        }

        var samplers = new List<SamplerSummary>();
        for (int i = 0; i < _samplers.Count; i++)
        {
            samplers.Add(new SamplerSummary(_spec.Samplers[i].Name, _samplers[i].Readings, _samplers[i].Dropped));
        }

        var shared = new List<SharedSourceSummary>();
        for (int i = 0; i < _sharedSources.Count; i++)
        {
            SharedSource s = _sharedSources[i];
            shared.Add(new SharedSourceSummary(s.Name, _spec.SharedSources[i].Mailbox, s.Received, s.Skipped, s.Lost));
        }

        return new PipelineSummary(Name, mailboxes, pins, samplers) { Mqtt = _mqtt?.Summaries() ?? new List<MqttSummary>(), SharedSources = shared };
    }

    /// <summary>
    /// A shared mailbox's figures: the segment's (at stop, as it was before deletion; it counts every process's
    /// sends and receives), plus what its inlet dropped and, as dropped, messages of another kind that the reader skipped.
    /// </summary>
    private BufferStatistics SharedStatistics(string name, BufferStatistics inlet)
    {
        SharedMailboxStatistics st = _sharedFinal.TryGetValue(name, out SharedMailboxStatistics final)
            ? final
            : _segments.Find(x => x.Name == name)!.Mailbox.GetStatistics();
        long skipped = _sharedInputs.TryGetValue(name, out SharedInput? input) ? input.Skipped : 0;
        return new BufferStatistics
        {
            Sent = st.Sent,
            Received = st.Received - skipped,
            RefusedFull = st.RefusedFull,
            TimedOut = st.TimedOut,
            Dropped = st.Dropped + inlet.Dropped + skipped,
            Depth = st.Depth,
            HighWater = st.HighWater,
            Capacity = st.Capacity,
            IsClosed = st.IsClosed,
        };
    }

    /// <summary>Stops the pipeline if running and withdraws its instruments.</summary>
    public void Dispose()
    {
        Stop();
        _metrics?.Dispose();
        // _sourcesEnded stays undisposed: a thread-pool wait on a source's end may still cancel it; it holds no timer.
    }

    private void DisposeParts()
    {
        foreach (GpioEventSource g in _gpio)
        {
            g.Dispose();
        }

        foreach (Bme280Sampler s in _samplers)
        {
            s.Dispose();
        }

        foreach (PipelineNode n in _spec.Nodes)
        {
            (n as FileSink)?.Close();
        }

        _mqtt?.Dispose();
    }
}
