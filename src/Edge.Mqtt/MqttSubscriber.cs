using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Mqtt;

/// <summary>Handles one message a subscription received, on the client's receiving thread.</summary>
/// <param name="topic">The topic it was published to.</param>
/// <param name="payload">Its payload; valid only during the call.</param>
/// <param name="cancel">Set when the subscriber stops: a handler that waits for room gives up.</param>
public delegate void MqttMessageHandler(string topic, ReadOnlySequence<byte> payload, CancellationToken cancel);

/// <summary>
/// Subscribes to topic filters (wildcards allowed) and hands every message to a handler, in the order the broker sends
/// them. At QoS 1 and 2 the acknowledgement is sent after the handler returns, so a handler that waits for room in a
/// full mailbox holds the broker back instead of losing messages; the broker keeps the session (subscriptions and
/// queued messages) while the connection is away, and the subscriber reconnects with exponential back-off and jitter.
/// </summary>
public sealed class MqttSubscriber : IDisposable
{
    private readonly MqttEndpoint _endpoint;
    private readonly IReadOnlyList<string> _filters;
    private readonly MqttQualityOfServiceLevel _qos;
    private readonly MqttMessageHandler _handler;
    private readonly IMqttClient _client;
    private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
    private readonly AutoResetEvent _lost = new AutoResetEvent(false);
    private readonly Backoff _backoff;
    private Thread? _thread;
    private long _received;
    private long _reconnects;
    private long _failedAttempts;
    private string? _lastError;

    /// <summary>Creates the subscriber; it connects in <see cref="Connect"/>.</summary>
    /// <param name="endpoint">The broker and the client's identity (give it a session expiry to keep messages while away).</param>
    /// <param name="filters">Topic filters, already checked with <see cref="MqttTopic.CheckFilter"/>.</param>
    /// <param name="qualityOfService">The most QoS asked for: 0, 1 or 2.</param>
    /// <param name="handler">Handles each message.</param>
    /// <param name="firstReconnectDelay">The first wait before reconnecting.</param>
    /// <param name="maxReconnectDelay">The longest wait between attempts.</param>
    public MqttSubscriber(MqttEndpoint endpoint, IReadOnlyList<string> filters, int qualityOfService, MqttMessageHandler handler, TimeSpan firstReconnectDelay, TimeSpan maxReconnectDelay)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(handler);
        if (filters.Count == 0)
        {
            throw new ArgumentException("At least one topic filter is needed.", nameof(filters));
        }

        foreach (string f in filters)
        {
            string? bad = MqttTopic.CheckFilter(f);
            if (bad != null)
            {
                throw new ArgumentException("Topic filter " + bad, nameof(filters));
            }
        }

        _endpoint = endpoint;
        _filters = filters;
        _qos = (MqttQualityOfServiceLevel)Math.Clamp(qualityOfService, 0, 2);
        _handler = handler;
        _backoff = new Backoff(firstReconnectDelay, maxReconnectDelay, Environment.ProcessId ^ endpoint.ClientId.Length);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnReceived;
        _client.DisconnectedAsync += OnDisconnected;
    }

    /// <summary>The broker and client id.</summary>
    public MqttEndpoint Endpoint => _endpoint;

    /// <summary>The topic filters.</summary>
    public IReadOnlyList<string> Filters => _filters;

    /// <summary>Messages received.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Connections re-established after one was lost.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Connection attempts that failed.</summary>
    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    /// <summary>Whether connected now.</summary>
    public bool Connected => _client.IsConnected;

    /// <summary>The last connection failure, or null.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>Connects and subscribes for the first time; a failure here is the run's error, not a retry loop.</summary>
    /// <remarks>Blocks up to the connect timeout. Not for interrupt or driver callbacks.</remarks>
    /// <exception cref="MqttConnectException">The broker cannot be reached, or refused the client or a subscription.</exception>
    public void Connect()
    {
        ConnectAndSubscribe();
        _thread = new Thread(KeepConnected) { IsBackground = true, Name = "edge-mqtt-sub" };
        _thread.Start();
    }

    /// <summary>Stops receiving: unsubscribes nothing (the session stays for the next run), disconnects cleanly.</summary>
    /// <remarks>Blocks up to a connect timeout. Not for interrupt or driver callbacks.</remarks>
    public void Stop()
    {
        if (_cancel.IsCancellationRequested)
        {
            return;
        }

        _cancel.Cancel();
        _lost.Set();
        _thread?.Join();
        if (_client.IsConnected)
        {
            try
            {
                _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).Wait(_endpoint.ConnectTimeout);
            }
            catch (AggregateException)
            {
                // Already gone.
            }
        }
    }

    /// <summary>Stops and releases the client.</summary>
    public void Dispose()
    {
        Stop();
        _client.Dispose();
        _cancel.Dispose();
        _lost.Dispose();
    }

    private void ConnectAndSubscribe()
    {
        _endpoint.Connect(_client, _cancel.Token);
        MqttClientSubscribeOptionsBuilder subscribe = new MqttClientFactory().CreateSubscribeOptionsBuilder();
        foreach (string f in _filters)
        {
            subscribe.WithTopicFilter(f, _qos);
        }

        MqttClientSubscribeResult result = _client.SubscribeAsync(subscribe.Build(), _cancel.Token).GetAwaiter().GetResult();
        foreach (MqttClientSubscribeResultItem item in result.Items)
        {
            if ((int)item.ResultCode > 2)
            {
                throw new MqttConnectException(_endpoint.Address + " refused the subscription to '" + item.TopicFilter.Topic + "' (" + item.ResultCode + ").", isPermanent: true);
            }
        }
    }

    private Task OnReceived(MqttApplicationMessageReceivedEventArgs args)
    {
        Interlocked.Increment(ref _received);
        _handler(args.ApplicationMessage.Topic, args.ApplicationMessage.Payload, _cancel.Token);
        return Task.CompletedTask;
    }

    private Task OnDisconnected(MqttClientDisconnectedEventArgs args)
    {
        if (args.ClientWasConnected && !_cancel.IsCancellationRequested)
        {
            Volatile.Write(ref _lastError, "lost the connection to " + _endpoint.Address + (args.Exception != null ? ": " + args.Exception.Message.TrimEnd('.') : string.Empty) + ".");
            _lost.Set();
        }

        return Task.CompletedTask;
    }

    private void KeepConnected()
    {
        while (true)
        {
            _lost.WaitOne();
            while (!_cancel.IsCancellationRequested && !_client.IsConnected)
            {
                if (_cancel.Token.WaitHandle.WaitOne(_backoff.Next()))
                {
                    return;
                }

                try
                {
                    ConnectAndSubscribe();
                    _backoff.Reset();
                    Interlocked.Increment(ref _reconnects);
                }
                catch (MqttConnectException ex)
                {
                    Interlocked.Increment(ref _failedAttempts);
                    Volatile.Write(ref _lastError, ex.Message);
                }
                catch (Exception ex) when (ex is OperationCanceledException || ex is MQTTnet.Exceptions.MqttCommunicationException)
                {
                    Interlocked.Increment(ref _failedAttempts);
                    Volatile.Write(ref _lastError, ex.Message);
                }
            }

            if (_cancel.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
