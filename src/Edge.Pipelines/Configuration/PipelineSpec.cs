using System;
using System.Collections.Generic;
using System.IO;
using Edge.Configuration;
using Edge.Hardware.Boards;
using Edge.Hardware.Gpio;
using Edge.Ipc;
using Edge.Mqtt;
using Edge.Pipelines.Messages;
using Edge.Pipelines.Mqtt;
using Edge.Pipelines.Shared;
using Edge.Pipelines.Sinks;
using Edge.Pipelines.Stages;
using Iot.Device.Bmxx80;

namespace Edge.Pipelines.Configuration;

/// <summary>
/// A bound pipeline file checked for meaning before anything is built: ranges, names, pins on the board, wiring
/// (one reader per mailbox, a writer for each, no cycles) and message kinds. Each failure names file, entry, problem.
/// </summary>
internal sealed class PipelineSpec
{
    private readonly ConfigCheck _check;
    private readonly BoardProfile _board;
    private readonly int _pinCount;
    private readonly SinkOutput _output;
    private readonly Dictionary<string, string> _taskNames = new Dictionary<string, string>(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _writers = new Dictionary<string, string>(StringComparer.Ordinal);

    private PipelineSpec(string file, string name, BoardProfile board, int pinCount, SinkOutput output)
    {
        _check = new ConfigCheck(file);
        Name = name;
        _board = board;
        _pinCount = pinCount;
        _output = output;
    }

    public string Name { get; }

    /// <summary>The pipeline file, for messages about its entries.</summary>
    public string File => _check.File;

    public List<MailboxSpec> Mailboxes { get; } = new List<MailboxSpec>();

    public List<GpioSourceSpec> GpioSources { get; } = new List<GpioSourceSpec>();

    public List<SamplerSpec> Samplers { get; } = new List<SamplerSpec>();

    public List<PipelineNode> Nodes { get; } = new List<PipelineNode>();

    /// <summary>The <c>mqtt</c> sources, in file order.</summary>
    public List<MqttSource> MqttSources { get; } = new List<MqttSource>();

    /// <summary>The <c>shared</c> sources, in file order.</summary>
    public List<SharedSourceSpec> SharedSources { get; } = new List<SharedSourceSpec>();

    /// <summary>The <c>mqtt</c> sinks, in file order (also in <see cref="Nodes"/>).</summary>
    public List<MqttSink> MqttSinks { get; } = new List<MqttSink>();

    /// <summary>Binds and checks pipeline JSON for a board whose GPIO chip has <paramref name="pinCount"/> lines.</summary>
    public static PipelineSpec Parse(string json, string file, BoardProfile board, int pinCount, SinkOutput output)
    {
        PipelineFile doc = ConfigFile.Bind(json, file, PipelineJsonContext.Strict.PipelineFile);
        var spec = new PipelineSpec(file, new ConfigCheck(file).Name(doc.Name, "name", 64), board, pinCount, output);
        spec.Check(doc);
        return spec;
    }

    private void Check(PipelineFile doc)
    {
        Require(doc.Mailboxes.Count > 0, "mailboxes", "must declare at least one mailbox.");
        for (int i = 0; i < doc.Mailboxes.Count; i++)
        {
            CheckMailbox(doc.Mailboxes[i], ConfigText.Item("mailboxes", i));
        }

        Require(doc.Sources.Count > 0, "sources", "must declare at least one source.");
        for (int i = 0; i < doc.Sources.Count; i++)
        {
            CheckSource(doc.Sources[i], ConfigText.Item("sources", i), i);
        }

        for (int i = 0; i < doc.Stages.Count; i++)
        {
            CheckStage(doc.Stages[i], ConfigText.Item("stages", i), i);
        }

        Require(doc.Sinks.Count > 0, "sinks", "must declare at least one sink.");
        for (int i = 0; i < doc.Sinks.Count; i++)
        {
            CheckSink(doc.Sinks[i], ConfigText.Item("sinks", i), i);
        }

        CheckWiring();
    }

    private void CheckMailbox(MailboxEntry m, string entry)
    {
        string name = _check.Name(m.Name, entry + ".name", IpcLayout.MaxNameLength);
        Require(Find(name) == null, entry + ".name", "mailbox \"" + name + "\" is already declared.");
        int capacity = (int)_check.WholeNumber(m.Capacity, entry + ".capacity", 1, MailboxSpec.MaxCapacity);
        if (m.Shared)
        {
            SharedName(name, entry + ".name");
            Require(
                m.Overflow == OverflowPolicy.RefuseNewest || m.Overflow == OverflowPolicy.DropOldest,
                entry + ".overflow",
                "a shared mailbox refuses the newest (refuseNewest) or drops the oldest (dropOldest) when full; got " + StrictEnumConverter<OverflowPolicy>.Names[(int)m.Overflow] + ".");
            if (m.Group != null)
            {
                string group = _check.Name(m.Group, entry + ".group", 32);
                Require(Array.TrueForAll(group.ToCharArray(), c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-' || c == '.'), entry + ".group", "\"" + group + "\" is not a group name (letters, digits, '_', '-', '.').");
            }

            // The task that moves what the pipeline's writers post into the segment.
            TaskName(SharedMailboxWriter.TaskNameFor(name), entry, string.Empty);
        }
        else
        {
            Require(m.Group == null, entry + ".group", "applies to a shared mailbox only (\"shared\": true): it names the group that may open the segment.");
        }

        Mailboxes.Add(new MailboxSpec(name, capacity, m.Overflow, entry) { Shared = m.Shared, Group = m.Group });
    }

    /// <summary>Checks that <paramref name="name"/> can name a segment file, <c>/dev/shm/edge.NAME</c>.</summary>
    private void SharedName(string name, string entry)
    {
        string? problem = SharedMailboxName.Problem(name);
        Require(problem == null, entry, problem ?? string.Empty);
    }

    private void CheckSource(SourceEntry s, string entry, int index)
    {
        string type = s is GpioSourceEntry ? "gpio" : s is MqttSourceEntry ? "mqtt" : s is SharedSourceEntry ? "shared" : "bme280";
        string name = TaskName(s.Name, entry, type + "-" + index);
        string to = Mailbox(s.To, entry + ".to");
        if (s is SharedSourceEntry shared)
        {
            string mailbox = _check.Name(shared.Mailbox, entry + ".mailbox", SharedMailboxName.MaxLength);
            SharedName(mailbox, entry + ".mailbox");
            Require(Find(mailbox) is not { Shared: true }, entry + ".mailbox", "mailbox \"" + mailbox + "\" is this pipeline's own shared mailbox; read it with a stage or sink.");
            SharedSources.Add(new SharedSourceSpec(name, entry, to, mailbox, shared.Kind));
            Writes(to, shared.Kind, entry + ".to");
            return;
        }

        if (s is MqttSourceEntry q)
        {
            CheckMqttSource(q, entry, name, to);
            return;
        }
        if (s is GpioSourceEntry g)
        {
            Require(g.Pins.Count > 0, entry + ".pins", "must list at least one pin.");
            var pins = new List<GpioPinOptions>();
            for (int i = 0; i < g.Pins.Count; i++)
            {
                pins.Add(CheckPin(g.Pins[i], ConfigText.Item(entry + ".pins", i), pins));
            }

            GpioSources.Add(new GpioSourceSpec(name, entry, to, pins.ToArray()));
            Writes(to, MessageKind.Gpio, entry + ".to");
            return;
        }

        var b = (Bme280SourceEntry)s;
        int bus = (int)_check.WholeNumber(b.Bus ?? _board.I2cBus, entry + ".bus", 0, 255);
        int address = _check.DeviceAddress(b.Address ?? new I2cAddress(Bmx280Base.SecondaryI2cAddress), entry + ".address", "BME280", Bmx280Base.SecondaryI2cAddress, Bmx280Base.DefaultI2cAddress);
        double period = _check.Number(b.PeriodMs, entry + ".periodMs", 10, 3_600_000, "ms");
        Samplers.Add(new SamplerSpec(name, entry, to, bus, address, (long)(period * 1_000_000)));
        Writes(to, MessageKind.Weather, entry + ".to");
    }

    private GpioPinOptions CheckPin(GpioPinEntry p, string entry, List<GpioPinOptions> sameSource)
    {
        string given = p.Pin.ToString();
        int pin;
        if (p.Pin.Number is int number)
        {
            pin = number;
        }
        else if (!_board.Pins.TryGetValue(p.Pin.Name!, out pin))
        {
            throw _check.Fail(entry + ".pin", "\"" + given + "\" is not a pin name of board '" + _board.Name + "' (" + _board.File + "); its names are: "
                + string.Join(", ", _board.Pins.Keys) + ".");
        }

        if (pin >= _pinCount)
        {
            throw _check.Fail(entry + ".pin", "pin " + pin + (p.Pin.Name != null ? " (" + p.Pin.Name + ")" : string.Empty) + " is not on the board's GPIO chip, which has "
                + _pinCount + " lines (0 to " + (_pinCount - 1) + ").");
        }

        foreach (GpioSourceSpec other in GpioSources)
        {
            Require(!Array.Exists(other.Pins, o => o.Pin == pin), entry + ".pin", "pin " + pin + " is already watched by " + other.Entry + ".");
        }

        Require(!sameSource.Exists(o => o.Pin == pin), entry + ".pin", "pin " + pin + " is listed twice in this source.");
        int debounce = (int)_check.WholeNumber(p.DebounceUs, entry + ".debounceUs", 0, GpioPinOptions.MaxDebounceMicroseconds, "µs");
        int watchdog = (int)_check.WholeNumber(p.WatchdogMs, entry + ".watchdogMs", 0, GpioPinOptions.MaxWatchdogMilliseconds, "ms");
        return new GpioPinOptions(pin, p.Edges, debounce, watchdog, p.Pull);
    }

    private void CheckStage(StageEntry s, string entry, int index)
    {
        string type = StageType(s);
        string name = TaskName(s.Name, entry, type + "-" + index);
        string from = Mailbox(s.From, entry + ".from");
        string[] to = Outputs(s.To, entry + ".to");
        PipelineNode node = s switch
        {
            FilterStageEntry f => Filter(f, entry, name, from, to),
            AverageStageEntry a => new MovingAverageStage(name, entry, from, to, (int)_check.WholeNumber(a.Window, entry + ".window", 1, MovingAverageStage.MaxWindow)),
            ThresholdStageEntry t => Threshold(t, entry, name, from, to),
            ChangeStageEntry c => new ChangeStage(name, entry, from, to, c.Field, _check.NumberAbove(c.Delta, entry + ".delta", 0, 1e9)),
            RateLimitStageEntry r => new RateLimitStage(name, entry, from, to, (long)(_check.NumberAbove(r.IntervalMs, entry + ".intervalMs", 0, 86_400_000, "ms") * 1_000_000)),
            ButtonStageEntry b => new ButtonStage(name, entry, from, to, b.ActiveLow, (long)(_check.Number(b.ClickMs, entry + ".clickMs", 1, 60_000, "ms") * 1_000_000)),
            _ => throw new InvalidOperationException("Unhandled stage kind " + type + "."),
        };
        Nodes.Add(node);
    }

    private RangeFilterStage Filter(FilterStageEntry f, string entry, string name, string from, string[] to)
    {
        double min = _check.Number(f.Min, entry + ".min", -1e9, 1e9);
        double max = _check.Number(f.Max, entry + ".max", -1e9, 1e9);
        Require(max >= min, entry + ".max", "must not be below min (" + ConfigText.Number(min) + "); got " + ConfigText.Number(max) + ".");
        return new RangeFilterStage(name, entry, from, to, f.Field, min, max);
    }

    private ThresholdStage Threshold(ThresholdStageEntry t, string entry, string name, string from, string[] to)
    {
        Require(t.Above != null || t.Below != null, entry, "needs \"above\", \"below\" or both: the level(s) that raise the alarm.");
        double? above = t.Above is double a ? _check.Number(a, entry + ".above", -1e9, 1e9) : null;
        double? below = t.Below is double b ? _check.Number(b, entry + ".below", -1e9, 1e9) : null;
        double hysteresis = _check.Number(t.Hysteresis, entry + ".hysteresis", 0, 1e9);
        if (above is double hi && below is double lo)
        {
            Require(lo < hi, entry + ".below", "must be less than above (" + ConfigText.Number(hi) + "); got " + ConfigText.Number(lo) + ".");
        }

        return new ThresholdStage(name, entry, from, to, t.Field, above, below, hysteresis);
    }

    private void CheckSink(SinkEntry s, string entry, int index)
    {
        string type = s is ConsoleSinkEntry ? "console" : s is CsvSinkEntry ? "csv" : s is MqttSinkEntry ? "mqtt" : "jsonl";
        string name = TaskName(s.Name, entry, type + "-" + index);
        string from = Mailbox(s.From, entry + ".from");
        if (s is MqttSinkEntry q)
        {
            var sink = new MqttSink(name, entry, from, CheckMqttSink(q, entry));
            Nodes.Add(sink);
            MqttSinks.Add(sink);
            return;
        }
        if (s is ConsoleSinkEntry c)
        {
            Nodes.Add(new ConsoleSink(name, entry, from, (int)_check.WholeNumber(c.Every, entry + ".every", 1, 1_000_000), _output, index));
            return;
        }

        var f = (FileSinkEntry)s;
        string path = _check.Name(f.Path, entry + ".path", 4096);
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
        {
            throw _check.Fail(entry + ".path", "\"" + path + "\" is not a valid file path.");
        }

        Require(!Directory.Exists(full), entry + ".path", "\"" + path + "\" is a directory; name a file to write.");
        Require(
            f.MaxBytes == 0 || (f.MaxBytes >= FileSink.MinMaxBytes && f.MaxBytes <= FileSink.MaxMaxBytes),
            entry + ".maxBytes",
            "must be 0 (never rotate) or a whole number from " + FileSink.MinMaxBytes + " to " + FileSink.MaxMaxBytes + " bytes; got " + f.MaxBytes + ".");
        int keep = (int)_check.WholeNumber(f.Keep, entry + ".keep", 0, FileSink.MaxKeep, "rotated files");
        Nodes.Add(new FileSink(name, entry, from, full, s is CsvSinkEntry, f.MaxBytes, keep, _output));
    }

    private static string StageType(StageEntry s) => s switch
    {
        FilterStageEntry => "filter",
        AverageStageEntry => "average",
        ThresholdStageEntry => "threshold",
        ChangeStageEntry => "change",
        RateLimitStageEntry => "rateLimit",
        _ => "button",
    };

    private string TaskName(string? given, string entry, string fallback)
    {
        string name = given == null ? fallback : _check.Name(given, entry + ".name", IpcLayout.MaxNameLength);
        if (_taskNames.TryGetValue(name, out string? other))
        {
            throw _check.Fail(entry + ".name", "\"" + name + "\" is already used by " + other + ".");
        }

        _taskNames[name] = entry;
        return name;
    }

    private string Mailbox(string name, string entry)
    {
        Require(Find(name) != null, entry, "names mailbox \"" + name + "\", which is not declared in mailboxes.");
        return name;
    }

    private string[] Outputs(MailboxNames to, string entry)
    {
        Require(to.Names.Length > 0, entry, "must name at least one mailbox.");
        for (int i = 0; i < to.Names.Length; i++)
        {
            string e = to.IsArray ? ConfigText.Item(entry, i) : entry;
            Mailbox(to.Names[i], e);
            Require(Array.IndexOf(to.Names, to.Names[i]) == i, e, "names mailbox \"" + to.Names[i] + "\" twice.");
        }

        return to.Names;
    }

    private MailboxSpec? Find(string name) => Mailboxes.Find(m => m.Name == name);

    private void Require(bool condition, string entry, string problem)
    {
        if (!condition)
        {
            throw _check.Fail(entry, problem);
        }
    }

    private void Writes(string mailbox, MessageKind kind, string entry)
    {
        MailboxSpec spec = Find(mailbox)!;
        if (spec.Kind != null && spec.Kind != kind)
        {
            throw _check.Fail(entry, "writes " + Describe(kind) + " into mailbox \"" + mailbox + "\", which already carries " + Describe(spec.Kind.Value)
                + " from " + _writers[mailbox] + "; a mailbox carries one kind.");
        }

        spec.Kind = kind;
        _writers.TryAdd(mailbox, entry);
    }

    private static string Describe(MessageKind kind) => MessageCodec.For(kind).Name + " messages";

    private void CheckWiring()
    {
        // Exactly one reader per mailbox.
        var readers = new Dictionary<string, PipelineNode>(StringComparer.Ordinal);
        foreach (PipelineNode n in Nodes)
        {
            if (readers.TryGetValue(n.From, out PipelineNode? other))
            {
                throw _check.Fail(n.Entry + ".from", "mailbox \"" + n.From + "\" is already read by " + other.Entry + "; a mailbox has one reader (use a stage's \"to\": [..] to fan out).");
            }

            readers[n.From] = n;
        }

        foreach (MailboxSpec m in Mailboxes)
        {
            Require(m.Shared || readers.ContainsKey(m.Name), m.Entry, "nothing reads mailbox \"" + m.Name + "\"; connect it to a stage or sink, share it with other processes (\"shared\": true), or remove it.");
        }

        CheckCycles(readers);

        // Propagate message kinds from the sources through the stages until nothing changes.
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (PipelineNode n in Nodes)
            {
                MessageKind? input = Find(n.From)!.Kind;
                if (input == null)
                {
                    continue;
                }

                if (!n.Accepts(input.Value))
                {
                    throw _check.Fail(n.Entry + ".from", "mailbox \"" + n.From + "\" carries " + Describe(input.Value) + ", which this " + (n.To.Length == 0 ? "sink" : "stage") + " cannot take.");
                }

                MessageKind? output = n.OutputKind(input.Value);
                if (output == null)
                {
                    continue;
                }

                foreach (string to in n.To)
                {
                    if (Find(to)!.Kind != output)
                    {
                        Writes(to, output.Value, n.Entry + ".to");
                        changed = true;
                    }
                }
            }
        }

        foreach (MailboxSpec m in Mailboxes)
        {
            Require(m.Kind != null, m.Entry, "nothing writes mailbox \"" + m.Name + "\" (no source or stage sends to it, directly or through other stages).");
        }

        SizeRawMailboxes();
        foreach (MqttSink sink in MqttSinks)
        {
            FinishMqttSink(sink);
        }
    }

    private MqttBrokerAddress? Broker(string? given, string entry)
    {
        if (given == null)
        {
            return null;
        }

        if (!MqttBrokerAddress.TryParse(given, out MqttBrokerAddress? address, out string problem))
        {
            throw _check.Fail(entry, problem);
        }

        return address;
    }

    private string? ClientId(string? given, string entry)
    {
        if (given == null)
        {
            return null;
        }

        string id = _check.Name(given, entry, MqttSinkSpec.MaxClientId);
        foreach (char c in id)
        {
            Require(!char.IsControl(c), entry, "must not contain control characters; got \"" + id.Replace("\0", "\\0") + "\".");
        }

        return id;
    }

    private MqttSinkOptions CheckMqttSink(MqttSinkEntry q, string entry)
    {
        int qos = (int)_check.WholeNumber(q.Qos, entry + ".qos", 0, 2);
        int? outbox = q.Outbox is int o ? (int)_check.WholeNumber(o, entry + ".outbox", 1, MqttPublisherOptions.MaxOutbox, "messages") : null;
        string? prefixProblem = MqttTopic.CheckName(q.DiscoveryPrefix);
        Require(prefixProblem == null, entry + ".discoveryPrefix", prefixProblem ?? string.Empty);
        Require(!q.HomeAssistant || q.Format == MqttPayloadFormat.Json, entry + ".homeAssistant", "needs \"format\": \"json\": Home Assistant reads the readings' JSON fields; got format " + StrictEnumConverter<MqttPayloadFormat>.Names[(int)q.Format] + ".");
        return new MqttSinkOptions
        {
            Broker = Broker(q.Broker, entry + ".broker"),
            ClientId = ClientId(q.ClientId, entry + ".clientId"),
            TopicTemplate = q.Topic,
            Qos = qos,
            Retain = q.Retain,
            Format = q.Format,
            Outbox = outbox,
            HomeAssistant = q.HomeAssistant,
            DiscoveryPrefix = q.DiscoveryPrefix,
        };
    }

    /// <summary>Once kinds are known: the topic, and whether Home Assistant can describe what the sink publishes.</summary>
    private void FinishMqttSink(MqttSink sink)
    {
        MessageKind kind = Find(sink.From)!.Kind!.Value;
        sink.Kind = kind;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["pipeline"] = Name,
            ["mailbox"] = sink.From,
            ["kind"] = MessageCodec.For(kind).Name,
            ["name"] = sink.Name,
            ["host"] = Environment.MachineName,
        };
        if (!TopicTemplate.TryExpand(sink.Options.TopicTemplate, values, out string topic, out string problem))
        {
            throw _check.Fail(sink.Entry + ".topic", problem);
        }

        sink.Topic = topic;
        Require(!sink.Options.HomeAssistant || HomeAssistantDiscovery.Describes(kind), sink.Entry + ".homeAssistant", "Home Assistant discovery describes gpio, weather, button and alert messages; mailbox \"" + sink.From + "\" carries raw messages.");
    }

    private void CheckMqttSource(MqttSourceEntry q, string entry, string name, string to)
    {
        Require(q.Topics.Count > 0, entry + ".topics", "must list at least one topic filter, such as \"edge/+/weather\".");
        Require(q.Topics.Count <= MqttSinkSpec.MaxTopics, entry + ".topics", "may list at most " + MqttSinkSpec.MaxTopics + " topic filters; got " + q.Topics.Count + ".");
        for (int i = 0; i < q.Topics.Count; i++)
        {
            string? problem = MqttTopic.CheckFilter(q.Topics[i]);
            Require(problem == null, ConfigText.Item(entry + ".topics", i), problem ?? string.Empty);
        }

        MqttPayloadFormat format = q.Format ?? (q.Kind == MessageKind.Raw ? MqttPayloadFormat.Raw : MqttPayloadFormat.Bridge);
        Require(format != MqttPayloadFormat.Csv, entry + ".format", "a source reads bridge (Edge bridge frames of its kind), json (its kind's JSON form) or raw (the payload's bytes); got "
            + StrictEnumConverter<MqttPayloadFormat>.Names[(int)format] + ".");
        if (format == MqttPayloadFormat.Raw)
        {
            Require(q.Kind == MessageKind.Raw, entry + ".kind", "raw payloads make raw messages; to read " + MessageCodec.For(q.Kind).Name + " messages from another board, use \"format\": \"bridge\".");
        }
        else
        {
            string what = format == MqttPayloadFormat.Bridge ? "bridge frames: the kind of the bridged mailbox" : "json payloads: the kind whose JSON form they are";
            Require(q.Kind != MessageKind.Raw, entry + ".kind", "is required for " + what + ", one of gpio, weather, button, alert.");
            Require(q.MaxBytes == null, entry + ".maxBytes", "applies to raw messages only; a " + MessageCodec.For(q.Kind).Name + " message has its kind's size.");
        }

        int maxBytes = q.MaxBytes is int m ? (int)_check.WholeNumber(m, entry + ".maxBytes", 1, MqttSinkSpec.MaxRawBytes, "bytes") : RawCodec.DefaultSize;
        var source = new MqttSource(new MqttSourceOptions
        {
            Name = name,
            Entry = entry,
            To = to,
            Broker = Broker(q.Broker, entry + ".broker"),
            ClientId = ClientId(q.ClientId, entry + ".clientId"),
            Topics = q.Topics.ToArray(),
            Qos = (int)_check.WholeNumber(q.Qos, entry + ".qos", 0, 2),
            Format = format,
            Kind = q.Kind,
            MaxBytes = maxBytes,
            KeepSession = q.KeepSession,
        });
        MqttSources.Add(source);
        Writes(to, q.Kind, entry + ".to");
        MailboxSpec mailbox = Find(to)!;
        mailbox.SlotSize = Math.Max(mailbox.SlotSize ?? 0, source.SlotSize);
    }

    /// <summary>A stage that passes raw messages on writes them into mailboxes at least as large as the one it reads (no cycles, so this ends).</summary>
    private void SizeRawMailboxes()
    {
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (PipelineNode n in Nodes)
            {
                MailboxSpec input = Find(n.From)!;
                if (input.Kind != MessageKind.Raw)
                {
                    continue;
                }

                int size = input.SlotSize ?? RawCodec.DefaultSize;
                foreach (string to in n.To)
                {
                    MailboxSpec output = Find(to)!;
                    if (output.Kind == MessageKind.Raw && (output.SlotSize ?? RawCodec.DefaultSize) < size)
                    {
                        output.SlotSize = size;
                        changed = true;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Refuses a loop of stages (a stage that feeds, through other stages, the mailbox it reads): its messages would
    /// circle until every mailbox on the loop overflowed. Names the loop, starting at its first stage in the file.
    /// </summary>
    private void CheckCycles(Dictionary<string, PipelineNode> readers)
    {
        var state = new Dictionary<PipelineNode, int>(); // 1 on the current path, 2 done
        var path = new List<PipelineNode>();
        foreach (PipelineNode start in Nodes)
        {
            Visit(start);
        }

        void Visit(PipelineNode node)
        {
            if (state.TryGetValue(node, out int s))
            {
                if (s == 1)
                {
                    List<PipelineNode> loop = path.GetRange(path.IndexOf(node), path.Count - path.IndexOf(node));
                    int first = 0;
                    for (int i = 1; i < loop.Count; i++)
                    {
                        if (Nodes.IndexOf(loop[i]) < Nodes.IndexOf(loop[first]))
                        {
                            first = i;
                        }
                    }

                    var names = new List<string>();
                    for (int i = 0; i <= loop.Count; i++)
                    {
                        names.Add(loop[(first + i) % loop.Count].Entry);
                    }

                    PipelineNode closing = loop[(first + loop.Count - 1) % loop.Count];
                    throw _check.Fail(closing.Entry + ".to", "closes a loop: " + string.Join(" -> ", names)
                        + "; a message would circle back to where it came from. Stages must form a chain or a tree from sources to sinks.");
                }

                return;
            }

            state[node] = 1;
            path.Add(node);
            foreach (string to in node.To)
            {
                if (readers.TryGetValue(to, out PipelineNode? next))
                {
                    Visit(next);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
        }
    }
}
