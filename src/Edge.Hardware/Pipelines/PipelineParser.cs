using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Edge.Hardware.Boards;
using Edge.Hardware.Gpio;
using Edge.Ipc;

namespace Edge.Hardware.Pipelines;

/// <summary>
/// Reads and validates a pipeline file completely (syntax, ranges, names, wiring and message kinds) before anything
/// is built; every error names the file, the entry and the problem.
/// </summary>
internal sealed class PipelineParser
{
    private static readonly string[] s_root = { "$schema", "name", "description", "mailboxes", "sources", "stages", "sinks" };
    private static readonly string[] s_mailbox = { "name", "capacity", "overflow", "description" };
    private static readonly string[] s_overflows = { "refuseNewest", "dropOldest", "overwrite" };
    private static readonly string[] s_sourceTypes = { "gpio", "bme280" };
    private static readonly string[] s_gpioSource = { "type", "name", "to", "pins", "description" };
    private static readonly string[] s_gpioPin = { "pin", "edges", "debounceUs", "watchdogMs" };
    private static readonly string[] s_edges = { "rising", "falling", "both" };
    private static readonly string[] s_bmeSource = { "type", "name", "to", "bus", "address", "periodMs", "description" };
    private static readonly string[] s_stageTypes = { "filter", "average", "threshold", "change", "rateLimit", "button" };
    private static readonly string[] s_stage = { "type", "name", "from", "to", "field", "min", "max", "window", "above", "hysteresis", "delta", "intervalMs", "activeLow", "clickMs", "description" };
    private static readonly string[] s_fields = { "temperature", "pressure", "humidity" };
    private static readonly string[] s_sinkTypes = { "console", "csv", "jsonl" };
    private static readonly string[] s_sink = { "type", "name", "from", "every", "path", "description" };

    private readonly JsonConfigReader _r;
    private readonly BoardProfile _board;
    private readonly SinkOutput _output;
    private readonly Dictionary<string, string> _taskNames = new Dictionary<string, string>(StringComparer.Ordinal);

    private PipelineParser(string file, BoardProfile board, SinkOutput output)
    {
        _r = new JsonConfigReader(file);
        _board = board;
        _output = output;
    }

    public string Name { get; private set; } = string.Empty;

    /// <summary>The pipeline file, for messages about its entries.</summary>
    public string File => _r.File;

    public List<MailboxSpec> Mailboxes { get; } = new List<MailboxSpec>();

    public List<GpioSourceSpec> GpioSources { get; } = new List<GpioSourceSpec>();

    public List<SamplerSpec> Samplers { get; } = new List<SamplerSpec>();

    public List<PipelineNode> Nodes { get; } = new List<PipelineNode>();

    public static PipelineParser Parse(string json, string file, BoardProfile board, SinkOutput output)
    {
        var p = new PipelineParser(file, board, output);
        using JsonDocument doc = JsonConfigReader.Parse(json, file);
        p.ParseRoot(doc.RootElement);
        p.CheckWiring();
        return p;
    }

    private void ParseRoot(JsonElement root)
    {
        _r.RequireObject(root, string.Empty, s_root);
        Name = _r.String(root, string.Empty, "name", true)!;
        int i = 0;
        foreach (JsonElement m in _r.Array(root, string.Empty, "mailboxes", true))
        {
            ParseMailbox(m, JsonConfigReader.Item("mailboxes", i++));
        }

        if (Mailboxes.Count == 0)
        {
            throw _r.Fail("mailboxes", "must declare at least one mailbox.");
        }

        i = 0;
        foreach (JsonElement s in _r.Array(root, string.Empty, "sources", true))
        {
            ParseSource(s, JsonConfigReader.Item("sources", i++));
        }

        if (i == 0)
        {
            throw _r.Fail("sources", "must declare at least one source.");
        }

        i = 0;
        foreach (JsonElement s in _r.Array(root, string.Empty, "stages", false))
        {
            ParseStage(s, JsonConfigReader.Item("stages", i++));
        }

        i = 0;
        foreach (JsonElement s in _r.Array(root, string.Empty, "sinks", true))
        {
            ParseSink(s, JsonConfigReader.Item("sinks", i), i);
            i++;
        }

        if (i == 0)
        {
            throw _r.Fail("sinks", "must declare at least one sink.");
        }
    }

    private void ParseMailbox(JsonElement m, string entry)
    {
        _r.RequireObject(m, entry, s_mailbox);
        string name = _r.String(m, entry, "name", true)!;
        if (name.Length > IpcLayout.MaxNameLength)
        {
            throw _r.Fail(entry + ".name", "\"" + name + "\" has " + name.Length + " characters; at most " + IpcLayout.MaxNameLength + " are allowed.");
        }

        if (Find(name) != null)
        {
            throw _r.Fail(entry + ".name", "mailbox \"" + name + "\" is already declared.");
        }

        int capacity = _r.Integer(m, entry, "capacity", 1, 65536, null);
        string overflow = _r.Choice(m, entry, "overflow", s_overflows, "refuseNewest");
        OverflowPolicy policy = overflow == "dropOldest" ? OverflowPolicy.DropOldest : overflow == "overwrite" ? OverflowPolicy.Overwrite : OverflowPolicy.RefuseNewest;
        Mailboxes.Add(new MailboxSpec(name, capacity, policy, entry));
    }

    private void ParseSource(JsonElement s, string entry)
    {
        if (s.ValueKind != JsonValueKind.Object)
        {
            throw _r.Fail(entry, "must be an object with type, name and to.");
        }

        string type = _r.Choice(s, entry, "type", s_sourceTypes, null);
        _r.RequireObject(s, entry, type == "gpio" ? s_gpioSource : s_bmeSource);
        string name = TaskName(s, entry, type + "-" + entry.Substring(8).TrimEnd(']'));
        string to = Mailbox(s, entry, "to");
        if (type == "gpio")
        {
            var pins = new List<GpioPinOptions>();
            var names = new List<string>();
            int i = 0;
            foreach (JsonElement p in _r.Array(s, entry, "pins", true))
            {
                string pe = JsonConfigReader.Item(entry + ".pins", i++);
                _r.RequireObject(p, pe, s_gpioPin);
                string pinText = p.TryGetProperty("pin", out JsonElement pv) && pv.ValueKind == JsonValueKind.Number ? pv.GetRawText() : _r.String(p, pe, "pin", true)!;
                if (!_board.TryResolvePin(pinText, out int pin))
                {
                    throw _r.Fail(pe + ".pin", "\"" + pinText + "\" is neither a pin number nor a pin name of board '" + _board.Name + "' (" + _board.File + "); known names: " + string.Join(", ", _board.Pins.Keys) + ".");
                }

                foreach (GpioSourceSpec other in GpioSources)
                {
                    if (Array.Exists(other.Pins, o => o.Pin == pin))
                    {
                        throw _r.Fail(pe + ".pin", "pin " + pin + " is already watched by " + other.Entry + ".");
                    }
                }

                if (pins.Exists(o => o.Pin == pin))
                {
                    throw _r.Fail(pe + ".pin", "pin " + pin + " is listed twice in this source.");
                }

                string edges = _r.Choice(p, pe, "edges", s_edges, "both");
                int debounce = _r.Integer(p, pe, "debounceUs", 0, GpioPinOptions.MaxDebounceMicroseconds, 0);
                int watchdog = _r.Integer(p, pe, "watchdogMs", 0, GpioPinOptions.MaxWatchdogMilliseconds, 0);
                GpioEdges e = edges == "rising" ? GpioEdges.Rising : edges == "falling" ? GpioEdges.Falling : GpioEdges.Both;
                pins.Add(new GpioPinOptions(pin, e, debounce, watchdog));
                names.Add(pinText);
            }

            if (pins.Count == 0)
            {
                throw _r.Fail(entry + ".pins", "must list at least one pin.");
            }

            GpioSources.Add(new GpioSourceSpec(name, entry, to, pins.ToArray(), names.ToArray()));
            Writes(to, MessageKind.Gpio, entry + ".to");
        }
        else
        {
            int bus = _r.Integer(s, entry, "bus", 0, 255, _board.I2cBus);
            int address = Address(s, entry);
            double period = _r.Number(s, entry, "periodMs", 10, 3_600_000, 1000);
            Samplers.Add(new SamplerSpec(name, entry, to, bus, address, (long)(period * 1_000_000)));
            Writes(to, MessageKind.Weather, entry + ".to");
        }
    }

    private int Address(JsonElement s, string entry)
    {
        if (!s.TryGetProperty("address", out JsonElement a))
        {
            return 0x76;
        }

        int value = -1;
        if (a.ValueKind == JsonValueKind.Number && a.TryGetInt32(out int n))
        {
            value = n;
        }
        else if (a.ValueKind == JsonValueKind.String && a.GetString()!.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(a.GetString()!.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int h))
        {
            value = h;
        }

        if (value != 0x76 && value != 0x77)
        {
            throw _r.Fail(entry + ".address", "a BME280 answers at 0x76 or 0x77; got " + a.GetRawText() + ".");
        }

        return value;
    }

    private void ParseStage(JsonElement s, string entry)
    {
        if (s.ValueKind != JsonValueKind.Object)
        {
            throw _r.Fail(entry, "must be an object with type, from and to.");
        }

        _r.RequireObject(s, entry, s_stage);
        string type = _r.Choice(s, entry, "type", s_stageTypes, null);
        string name = TaskName(s, entry, type + "-" + entry.Substring(7).TrimEnd(']'));
        string from = Mailbox(s, entry, "from");
        string[] to = Outputs(s, entry);
        WeatherField field = Field(s, entry, type);
        PipelineNode node = type switch
        {
            "filter" => Filter(s, entry, name, from, to, field),
            "average" => new MovingAverageStage(name, entry, from, to, _r.Integer(s, entry, "window", 1, MovingAverageStage.MaxWindow, null)),
            "threshold" => new ThresholdStage(name, entry, from, to, field, _r.Number(s, entry, "above", -1e9, 1e9, null), _r.Number(s, entry, "hysteresis", 0, 1e9, 0)),
            "change" => new ChangeStage(name, entry, from, to, field, _r.Number(s, entry, "delta", 1e-9, 1e9, null)),
            "rateLimit" => new RateLimitStage(name, entry, from, to, (long)(_r.Number(s, entry, "intervalMs", 0.001, 86_400_000, null) * 1_000_000)),
            _ => new ButtonStage(name, entry, from, to, Bool(s, entry, "activeLow", true), (long)(_r.Number(s, entry, "clickMs", 1, 60_000, 500) * 1_000_000)),
        };
        Nodes.Add(node);
    }

    private RangeFilterStage Filter(JsonElement s, string entry, string name, string from, string[] to, WeatherField field)
    {
        double min = _r.Number(s, entry, "min", -1e9, 1e9, null);
        double max = _r.Number(s, entry, "max", -1e9, 1e9, null);
        if (max < min)
        {
            throw _r.Fail(entry + ".max", "must not be below min (" + min.ToString(CultureInfo.InvariantCulture) + "); got " + max.ToString(CultureInfo.InvariantCulture) + ".");
        }

        return new RangeFilterStage(name, entry, from, to, field, min, max);
    }

    private void ParseSink(JsonElement s, string entry, int index)
    {
        if (s.ValueKind != JsonValueKind.Object)
        {
            throw _r.Fail(entry, "must be an object with type and from.");
        }

        _r.RequireObject(s, entry, s_sink);
        string type = _r.Choice(s, entry, "type", s_sinkTypes, null);
        string name = TaskName(s, entry, type + "-" + index.ToString(CultureInfo.InvariantCulture));
        string from = Mailbox(s, entry, "from");
        if (type == "console")
        {
            Nodes.Add(new ConsoleSink(name, entry, from, _r.Integer(s, entry, "every", 1, 1_000_000, 1), _output, index));
        }
        else
        {
            string path = Path.GetFullPath(_r.String(s, entry, "path", true)!);
            Nodes.Add(new FileSink(name, entry, from, path, type == "csv", _output));
        }
    }

    private bool Bool(JsonElement s, string entry, string name, bool fallback)
    {
        if (!s.TryGetProperty(name, out JsonElement v))
        {
            return fallback;
        }

        if (v.ValueKind != JsonValueKind.True && v.ValueKind != JsonValueKind.False)
        {
            throw _r.Fail(entry + "." + name, "must be true or false; got " + v.GetRawText() + ".");
        }

        return v.GetBoolean();
    }

    private WeatherField Field(JsonElement s, string entry, string type)
    {
        if (type != "filter" && type != "threshold" && type != "change")
        {
            if (s.TryGetProperty("field", out _))
            {
                throw _r.Fail(entry + ".field", "does not apply to a " + type + " stage.");
            }

            return WeatherField.Temperature;
        }

        string f = _r.Choice(s, entry, "field", s_fields, "temperature");
        return f == "pressure" ? WeatherField.Pressure : f == "humidity" ? WeatherField.Humidity : WeatherField.Temperature;
    }

    private string TaskName(JsonElement s, string entry, string fallback)
    {
        string name = _r.String(s, entry, "name", false) ?? fallback;
        if (name.Length > IpcLayout.MaxNameLength)
        {
            throw _r.Fail(entry + ".name", "\"" + name + "\" has " + name.Length + " characters; at most " + IpcLayout.MaxNameLength + " are allowed.");
        }

        if (_taskNames.TryGetValue(name, out string? other))
        {
            throw _r.Fail(entry + ".name", "\"" + name + "\" is already used by " + other + ".");
        }

        _taskNames[name] = entry;
        return name;
    }

    private string Mailbox(JsonElement s, string entry, string property)
    {
        string name = _r.String(s, entry, property, true)!;
        if (Find(name) == null)
        {
            throw _r.Fail(entry + "." + property, "names mailbox \"" + name + "\", which is not declared in mailboxes.");
        }

        return name;
    }

    private string[] Outputs(JsonElement s, string entry)
    {
        if (s.TryGetProperty("to", out JsonElement to) && to.ValueKind == JsonValueKind.Array)
        {
            var list = new List<string>();
            int i = 0;
            foreach (JsonElement t in to.EnumerateArray())
            {
                string e = JsonConfigReader.Item(entry + ".to", i++);
                if (t.ValueKind != JsonValueKind.String || Find(t.GetString()!) == null)
                {
                    throw _r.Fail(e, "must name a declared mailbox; got " + t.GetRawText() + ".");
                }

                list.Add(t.GetString()!);
            }

            if (list.Count == 0)
            {
                throw _r.Fail(entry + ".to", "must name at least one mailbox.");
            }

            return list.ToArray();
        }

        return new[] { Mailbox(s, entry, "to") };
    }

    private MailboxSpec? Find(string name) => Mailboxes.Find(m => m.Name == name);

    private readonly Dictionary<string, string> _writers = new Dictionary<string, string>(StringComparer.Ordinal);

    private void Writes(string mailbox, MessageKind kind, string entry)
    {
        MailboxSpec spec = Find(mailbox)!;
        if (spec.Kind != null && spec.Kind != kind)
        {
            throw _r.Fail(entry, "writes " + Describe(kind) + " into mailbox \"" + mailbox + "\", which already carries " + Describe(spec.Kind.Value) + " from " + _writers[mailbox] + "; a mailbox carries one kind.");
        }

        spec.Kind = kind;
        _writers.TryAdd(mailbox, entry);
    }

    private static string Describe(MessageKind kind) => kind.ToString().ToLowerInvariant() + " messages";

    private void CheckWiring()
    {
        // Exactly one reader per mailbox.
        var readers = new Dictionary<string, PipelineNode>(StringComparer.Ordinal);
        foreach (PipelineNode n in Nodes)
        {
            if (readers.TryGetValue(n.From, out PipelineNode? other))
            {
                throw _r.Fail(n.Entry + ".from", "mailbox \"" + n.From + "\" is already read by " + other.Entry + "; a mailbox has one reader (use a stage's \"to\": [..] to fan out).");
            }

            readers[n.From] = n;
        }

        foreach (MailboxSpec m in Mailboxes)
        {
            if (!readers.ContainsKey(m.Name))
            {
                throw _r.Fail(m.Entry, "nothing reads mailbox \"" + m.Name + "\"; connect it to a stage or sink, or remove it.");
            }
        }

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
                    throw _r.Fail(n.Entry + ".from", "mailbox \"" + n.From + "\" carries " + Describe(input.Value) + ", which this stage cannot take.");
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
            if (m.Kind == null)
            {
                throw _r.Fail(m.Entry, "nothing writes mailbox \"" + m.Name + "\" (no source or stage sends to it, directly or through other stages).");
            }
        }
    }
}
