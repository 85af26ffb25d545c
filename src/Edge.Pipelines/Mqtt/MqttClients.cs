using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Edge.Configuration;
using Edge.Ipc;
using Edge.Mqtt;
using Edge.Pipelines.Configuration;
using Edge.Pipelines.Messages;
using Edge.Pipelines.Sinks;

namespace Edge.Pipelines.Mqtt;

/// <summary>
/// A pipeline's MQTT clients from build to stop: each sink's publisher and each source's subscriber connects when the
/// pipeline is built (a broker that cannot be reached or refuses the client is an error against the entry, and
/// nothing starts); publishers start with the pipeline; subscribers stop with the sources; publishers drain their
/// outboxes to the broker when the pipeline stops, and what they cannot deliver is counted as dropped.
/// </summary>
internal sealed class MqttClients : IDisposable
{
    private readonly PipelineSpec _spec;
    private readonly MqttClientSettings _settings;
    private readonly List<MqttPublisher> _publishers = new List<MqttPublisher>();
    private readonly List<MqttSubscriber> _subscribers = new List<MqttSubscriber>();
    private readonly Dictionary<object, string> _brokers = new Dictionary<object, string>();

    private MqttClients(PipelineSpec spec, MqttClientSettings settings)
    {
        _spec = spec;
        _settings = settings;
    }

    public bool IsEmpty => _spec.MqttSinks.Count == 0 && _spec.MqttSources.Count == 0;

    /// <summary>Builds and connects every MQTT client of <paramref name="spec"/>.</summary>
    /// <exception cref="ConfigurationException">A broker cannot be reached or refused a client: <c>file: entry.broker: problem</c>.</exception>
    public static MqttClients Open(PipelineSpec spec, IpcRuntime runtime, MqttClientSettings settings, WallClock wallClock)
    {
        var clients = new MqttClients(spec, settings);
        if (clients.IsEmpty)
        {
            return clients;
        }

        try
        {
            foreach (MqttSource source in spec.MqttSources)
            {
                clients.OpenSource(source, runtime);
            }

            foreach (MqttSink sink in spec.MqttSinks)
            {
                clients.OpenSink(sink, runtime, wallClock);
            }

            return clients;
        }
        catch
        {
            clients.Dispose();
            throw;
        }
    }

    /// <summary>Starts the publishers' threads.</summary>
    public void Start()
    {
        foreach (MqttPublisher p in _publishers)
        {
            p.Start();
        }
    }

    /// <summary>Stops the subscriptions: nothing more enters the sources' mailboxes.</summary>
    public void StopSources()
    {
        foreach (MqttSubscriber s in _subscribers)
        {
            s.Stop();
        }
    }

    /// <summary>Drains every outbox to its broker (all at once, each up to the drain timeout), then disconnects.</summary>
    public void Stop()
    {
        StopSources();
        var stops = new List<Task>();
        foreach (MqttPublisher p in _publishers)
        {
            MqttPublisher publisher = p;
            stops.Add(Task.Run(() => publisher.Stop(_settings.DrainTimeout)));
        }

        Task.WaitAll(stops.ToArray());
    }

    /// <summary>The figures of every MQTT source and sink.</summary>
    public List<MqttSummary> Summaries()
    {
        var list = new List<MqttSummary>();
        foreach (MqttSource s in _spec.MqttSources)
        {
            list.Add(new MqttSummary(
                s.Options.Name, false, _brokers.GetValueOrDefault(s, string.Empty), string.Join(", ", s.Options.Topics), s.Options.Qos,
                StrictEnumConverter<MqttPayloadFormat>.Names[(int)s.Options.Format], default, s.GetStatistics(), s.Subscriber?.LastError));
        }

        foreach (MqttSink k in _spec.MqttSinks)
        {
            list.Add(new MqttSummary(
                k.Name, true, _brokers.GetValueOrDefault(k, string.Empty), k.Topic, k.Options.Qos,
                StrictEnumConverter<MqttPayloadFormat>.Names[(int)k.Options.Format], k.Publisher?.GetStatistics() ?? default, default, k.Publisher?.LastError));
        }

        return list;
    }

    /// <summary>Adds the MQTT instruments to the pipeline's <c>Edge</c> meter.</summary>
    public void AddInstruments(Edge.Pipelines.Metrics.EdgeMetrics metrics) => MqttMeter.AddTo(metrics.Meter, _spec.Name, _spec.MqttSinks, _spec.MqttSources);

    public void Dispose()
    {
        foreach (MqttSubscriber s in _subscribers)
        {
            s.Dispose();
        }

        foreach (MqttPublisher p in _publishers)
        {
            p.Dispose();
        }
    }

    private MqttEndpoint Endpoint(object owner, string entry, string name, MqttBrokerAddress? fromFile, string? clientId, uint sessionExpiry)
    {
        MqttBrokerAddress address = _settings.Broker ?? fromFile ?? Default();
        _brokers[owner] = address.Url;
        try
        {
            return new MqttEndpoint(address, clientId ?? DefaultClientId(name), _settings.Security) { SessionExpirySeconds = sessionExpiry };
        }
        catch (MqttConnectException ex)
        {
            throw Fail(entry, ex);
        }
    }

    private void OpenSource(MqttSource source, IpcRuntime runtime)
    {
        MqttSourceOptions o = source.Options;
        uint expiry = o.KeepSession && o.Qos > 0 ? 3600u : 0u;
        MqttEndpoint endpoint = Endpoint(source, o.Entry, o.Name, o.Broker, o.ClientId, expiry);
        var subscriber = new MqttSubscriber(endpoint, o.Topics, o.Qos, source.OnMessage, _settings.FirstReconnectDelay, _settings.MaxReconnectDelay);
        _subscribers.Add(subscriber);
        source.Bind(runtime, subscriber);
        try
        {
            subscriber.Connect();
        }
        catch (MqttConnectException ex)
        {
            throw Fail(o.Entry, ex);
        }
    }

    private void OpenSink(MqttSink sink, IpcRuntime runtime, WallClock wallClock)
    {
        MqttSinkOptions o = sink.Options;
        MqttEndpoint endpoint = Endpoint(sink, sink.Entry, sink.Name, o.Broker, o.ClientId, 0);
        Mailbox input = runtime.GetMailbox(sink.From);
        MqttPayloadWriter writer = o.Format switch
        {
            MqttPayloadFormat.Raw => MqttPayloadWriter.Raw(input.SlotSize),
            MqttPayloadFormat.Bridge => MqttPayloadWriter.Bridge(input.SlotSize),
            _ => new CodecPayloadWriter(o.Format == MqttPayloadFormat.Csv, input.SlotSize, wallClock),
        };
        var publisher = new MqttPublisher(
            endpoint,
            new MqttPublisherOptions
            {
                Name = sink.Name,
                Topic = sink.Topic,
                QualityOfService = o.Qos,
                Retain = o.Retain,
                OutboxCapacity = o.Outbox ?? Math.Max(1024, input.Capacity),
                SlotSize = input.SlotSize,
                Overflow = input.Overflow,
                FirstReconnectDelay = _settings.FirstReconnectDelay,
                MaxReconnectDelay = _settings.MaxReconnectDelay,
            },
            writer,
            runtime.Clock);
        _publishers.Add(publisher);
        sink.Attach(publisher);
        try
        {
            publisher.Connect();
            if (o.HomeAssistant)
            {
                foreach ((string topic, byte[] payload) in HomeAssistantDiscovery.Messages(o.DiscoveryPrefix, Environment.MachineName, _spec.Name, sink.Name, sink.Kind, sink.Topic))
                {
                    publisher.PublishNow(topic, payload, retain: true);
                }
            }
        }
        catch (MqttConnectException ex)
        {
            throw Fail(sink.Entry, ex);
        }
    }

    private ConfigurationException Fail(string entry, MqttConnectException ex)
    {
        string origin = _settings.Broker != null ? " (the broker given by " + _settings.BrokerOrigin + ")" : string.Empty;
        return new ConfigurationException(_spec.File, entry + ".broker", ex.Message.TrimEnd('.') + origin + ".", ex);
    }

    private static MqttBrokerAddress Default()
    {
        MqttBrokerAddress.TryParse(MqttSinkSpec.DefaultBroker, out MqttBrokerAddress? address, out _);
        return address!;
    }

    /// <summary>Unique per host, pipeline and entry, and the same on every run, so a kept session is found again.</summary>
    private string DefaultClientId(string name) => "edge-" + Environment.MachineName + "-" + _spec.Name + "-" + name;
}
