using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using Edge.Ipc;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace Edge.Mqtt;

/// <summary>
/// Publishes Edge messages to one topic of a broker, in order, through a bounded outbox that outlives outages.
/// </summary>
/// <remarks>
/// <para>The outbox is an Edge buffer reserved when the publisher is built, with the overflow policy of the mailbox the
/// messages come from: while the broker is away it fills, and then that policy decides what is lost, and the core
/// counts it. One thread of the publisher's own takes messages from the outbox one at a time, writes their payload
/// into a buffer of its own and publishes it; the message leaves the publisher only once the broker acknowledged it
/// (QoS 1, 2) or it was written to the connection (QoS 0). When the connection is lost, the message in flight is
/// kept and sent again first after reconnecting (exponential back-off with jitter), then the backlog, in order.</para>
/// <para>Accounting: <c>Produced = Acknowledged + Queued + Dropped</c> at every moment, exactly, from the outbox's
/// statistics; at QoS 1 a message sent again after a lost acknowledgement may reach subscribers twice (the payload's
/// sequence number lets them drop the copy).</para>
/// <para>Edge's side of the client call allocates nothing per message: the slot, the payload buffer and the MQTTnet
/// message object are made once and reused (with an allocation-free <see cref="MqttPayloadWriter"/>).</para>
/// </remarks>
public sealed class MqttPublisher : IDisposable
{
    private const int PrefixBytes = 8; // sender, origin sequence; then the message
    private const int IdleReceiveMs = 100;

    private readonly MqttEndpoint _endpoint;
    private readonly MqttPublisherOptions _options;
    private readonly MqttPayloadWriter _writer;
    private readonly IClock _clock;
    private readonly IpcRuntime _runtime;
    private readonly BoundedBuffer _outbox;
    private readonly EdgeTask _task;
    private readonly IMqttClient _client;
    private readonly byte[] _postScratch;
    private readonly byte[] _slot;
    private readonly byte[] _payload;
    private readonly MqttApplicationMessage _message;
    private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
    private readonly Backoff _backoff;
    private Thread? _thread;
    private int _draining;
    private int _inFlight; // 1 while the publisher thread holds a message taken from the outbox
    private long _published;
    private long _acknowledged;
    private long _resent;
    private long _refused;
    private long _abandoned;
    private long _reconnects;
    private long _failedAttempts;
    private long _roundTrips;
    private long _roundTripTotal;
    private long _roundTripMax;
    private string? _lastError;
    private Histogram<double>? _roundTripHistogram;
    private KeyValuePair<string, object?> _tag1;
    private KeyValuePair<string, object?> _tag2;

    /// <summary>Builds the publisher and reserves its outbox; it connects in <see cref="Connect"/>.</summary>
    /// <param name="endpoint">The broker and the client's identity.</param>
    /// <param name="options">Topic, QoS, outbox.</param>
    /// <param name="writer">Turns a message into a payload.</param>
    /// <param name="clock">The clock of the runtime the messages come from.</param>
    /// <remarks>Allocates everything it will use. Not for interrupt or driver callbacks.</remarks>
    public MqttPublisher(MqttEndpoint endpoint, MqttPublisherOptions options, MqttPayloadWriter writer, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(clock);
        if (options.QualityOfService < 0 || options.QualityOfService > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "QualityOfService must be 0, 1 or 2.");
        }

        if (options.OutboxCapacity < 1 || options.OutboxCapacity > MqttPublisherOptions.MaxOutbox)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "OutboxCapacity must be from 1 to " + MqttPublisherOptions.MaxOutbox + ".");
        }

        string? bad = MqttTopic.CheckName(options.Topic);
        if (bad != null)
        {
            throw new ArgumentException("Topic " + bad, nameof(options));
        }

        _endpoint = endpoint;
        _options = options;
        _writer = writer;
        _clock = clock;
        // The outbox feeds a network client, so its waits are real time whatever clock the pipeline runs on (a
        // virtual clock would never end the publisher's idle wait once the scenario stops moving it); messages keep
        // the pipeline's timestamps, which are posted with them, and `clock` still reads the pipeline's time.
        _runtime = new IpcLayout()
            .AddTask("publisher")
            .AddBuffer("outbox", options.OutboxCapacity, PrefixBytes + options.SlotSize, options.Overflow)
            .Build(SystemClock.Instance);
        _outbox = _runtime.GetBuffer("outbox");
        _task = _runtime.GetTask("publisher");
        _postScratch = new byte[PrefixBytes + options.SlotSize];
        _slot = new byte[PrefixBytes + options.SlotSize];
        _payload = new byte[writer.MaxBytes];
        _message = new MqttApplicationMessage
        {
            Topic = options.Topic,
            QualityOfServiceLevel = (MqttQualityOfServiceLevel)options.QualityOfService,
            Retain = options.Retain,
        };
        _client = new MqttClientFactory().CreateMqttClient();
        _backoff = new Backoff(options.FirstReconnectDelay, options.MaxReconnectDelay, options.JitterSeed);
    }

    /// <summary>The options.</summary>
    public MqttPublisherOptions Options => _options;

    /// <summary>The broker and client id.</summary>
    public MqttEndpoint Endpoint => _endpoint;

    /// <summary>The last connection or publish failure, or null.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>The outbox's bytes, reserved when the publisher was built.</summary>
    public int ReservedBytes => _runtime.ReservedBytes;

    /// <summary>Connects for the first time; a failure here is the run's error, not a retry loop.</summary>
    /// <remarks>Blocks up to the endpoint's connect timeout. Not for interrupt or driver callbacks.</remarks>
    /// <exception cref="MqttConnectException">The broker cannot be reached, or refused the client.</exception>
    public void Connect() => _endpoint.Connect(_client, _cancel.Token);

    /// <summary>
    /// Publishes one message at once on the connection, apart from the outbox (a retained configuration, such as Home
    /// Assistant's discovery messages); call after <see cref="Connect"/> and before <see cref="Start"/>.
    /// </summary>
    /// <param name="topic">The topic, checked.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="retain">Ask the broker to keep it.</param>
    /// <remarks>Blocks until acknowledged (QoS 1). Not for interrupt or driver callbacks.</remarks>
    /// <exception cref="MqttConnectException">The broker refused it or the connection failed.</exception>
    public void PublishNow(string topic, byte[] payload, bool retain)
    {
        string? bad = MqttTopic.CheckName(topic);
        if (bad != null)
        {
            throw new ArgumentException("Topic " + bad, nameof(topic));
        }

        var message = new MqttApplicationMessage
        {
            Topic = topic,
            Payload = new ReadOnlySequence<byte>(payload),
            QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
            Retain = retain,
        };
        try
        {
            MqttClientPublishResult result = _client.PublishAsync(message, _cancel.Token).GetAwaiter().GetResult();
            if (!result.IsSuccess)
            {
                throw new MqttConnectException(_endpoint.Address + " refused a message to '" + topic + "' (" + result.ReasonCode + ").", isPermanent: true);
            }
        }
        catch (Exception ex) when (IsConnectionLoss(ex))
        {
            throw new MqttConnectException("lost the connection to " + _endpoint.Address + " while publishing to '" + topic + "': " + ex.Message.TrimEnd('.') + ".", isPermanent: false, ex);
        }
    }

    /// <summary>Starts the thread that publishes; call after <see cref="Connect"/>.</summary>
    public void Start()
    {
        if (_thread != null)
        {
            return;
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "edge-mqtt-" + _options.Name };
        _thread.Start();
    }

    /// <summary>
    /// Queues a message for the broker: it is kept in the outbox, or handled by its overflow policy when full (and
    /// counted). One thread posts (the sink's task).
    /// </summary>
    /// <param name="message">The message's bytes, at most the slot size.</param>
    /// <param name="header">Its header as received: the sender, sequence, tag and timestamp travel with it.</param>
    /// <returns><see cref="IpcStatus.Ok"/> when queued; <see cref="IpcStatus.Full"/> or <see cref="IpcStatus.Closed"/> when dropped.</returns>
    /// <remarks>Never blocks, never allocates. Not for interrupt callbacks (one posting thread only).</remarks>
    public IpcStatus Post(ReadOnlySpan<byte> message, in MessageInfo header)
    {
        if (message.Length > _options.SlotSize)
        {
            throw new ArgumentException("The message has " + message.Length + " bytes; the publisher's slots hold " + _options.SlotSize + ".", nameof(message));
        }

        BinaryPrimitives.WriteInt32LittleEndian(_postScratch, header.Sender);
        BinaryPrimitives.WriteInt32LittleEndian(_postScratch.AsSpan(4), header.Sequence);
        message.CopyTo(_postScratch.AsSpan(PrefixBytes));
        return _outbox.Post(_postScratch.AsSpan(0, PrefixBytes + message.Length), header.Tag, header.Timestamp);
    }

    /// <summary>
    /// Takes the next message from the outbox and writes its payload: the work on Edge's side of the client call,
    /// apart so a test can measure that it allocates nothing.
    /// </summary>
    /// <param name="timeoutMs">How long to wait for a message.</param>
    /// <param name="length">The payload's length.</param>
    /// <returns>The outbox's status; <see cref="IpcStatus.Ok"/> when a message is ready in <see cref="PayloadBuffer"/>.</returns>
    internal IpcStatus TakeNext(int timeoutMs, out int length)
    {
        IpcStatus status = _outbox.Receive(_task, _slot.AsSpan(), out MessageInfo info, timeoutMs);
        if (status != IpcStatus.Ok)
        {
            length = 0;
            return status;
        }

        Volatile.Write(ref _inFlight, 1);
        MessageInfo origin = info;
        origin.Sender = BinaryPrimitives.ReadInt32LittleEndian(_slot);
        origin.Sequence = BinaryPrimitives.ReadInt32LittleEndian(_slot.AsSpan(4));
        origin.Length = info.Length - PrefixBytes;
        length = _writer.Write(_slot.AsSpan(PrefixBytes, origin.Length), origin, _clock.NowNanoseconds, _payload);
        _message.Payload = new ReadOnlySequence<byte>(_payload, 0, length);
        return IpcStatus.Ok;
    }

    /// <summary>Lets go of the message taken by <see cref="TakeNext"/> as the publishing loop does once it is acknowledged.</summary>
    internal void MarkDelivered() => Volatile.Write(ref _inFlight, 0);

    /// <summary>The payload written by the last <see cref="TakeNext"/>.</summary>
    internal byte[] PayloadBuffer => _payload;

    /// <summary>The message object handed to the client, reused for every message.</summary>
    internal MqttApplicationMessage Message => _message;

    /// <summary>
    /// Stops: lets the outbox empty through the broker for as long as the broker keeps acknowledging (a long backlog
    /// is not cut while it flows), giving up once <paramref name="drain"/> passes with no acknowledgement; then stops
    /// the thread, and whatever is still queued is counted as dropped. Disconnects cleanly.
    /// </summary>
    /// <param name="drain">How long the backlog may go without progress.</param>
    /// <returns>True when everything was delivered.</returns>
    /// <remarks>Blocks while the backlog drains, plus up to <paramref name="drain"/> and a connect timeout. Not for interrupt or driver callbacks.</remarks>
    public bool Stop(TimeSpan drain)
    {
        Interlocked.Exchange(ref _draining, 1);
        bool drained = _thread == null;
        long acknowledged = -1;
        while (!drained && Interlocked.Read(ref _acknowledged) != acknowledged)
        {
            acknowledged = Interlocked.Read(ref _acknowledged);
            drained = _thread!.Join(drain);
        }

        _cancel.Cancel();
        _thread?.Join();
        if (Interlocked.Exchange(ref _inFlight, 0) == 1)
        {
            Interlocked.Increment(ref _abandoned);
        }

        drained &= _outbox.Purge() == 0;
        _outbox.Close();
        if (_client.IsConnected)
        {
            try
            {
                _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).Wait(_endpoint.ConnectTimeout);
            }
            catch (AggregateException)
            {
                // The broker went away while we said goodbye: nothing is lost by it.
            }
        }

        return drained && Interlocked.Read(ref _abandoned) == 0;
    }

    /// <summary>The counters now.</summary>
    /// <returns>A snapshot.</returns>
    /// <remarks>Never blocks for long. Not for interrupt or driver callbacks.</remarks>
    public MqttPublisherStatistics GetStatistics()
    {
        BufferStatistics outbox = _outbox.GetStatistics();
        long inFlight = Volatile.Read(ref _inFlight);
        long acknowledged = Interlocked.Read(ref _acknowledged);
        long refused = Interlocked.Read(ref _refused);
        long abandoned = Interlocked.Read(ref _abandoned);
        long trips = Interlocked.Read(ref _roundTrips);
        return new MqttPublisherStatistics
        {
            Produced = outbox.Received + outbox.Depth + outbox.Dropped,
            Published = Interlocked.Read(ref _published),
            Acknowledged = acknowledged,
            Queued = outbox.Depth + inFlight,
            Dropped = outbox.Dropped + refused + abandoned,
            Resent = Interlocked.Read(ref _resent),
            Reconnects = Interlocked.Read(ref _reconnects),
            FailedAttempts = Interlocked.Read(ref _failedAttempts),
            HighWater = outbox.HighWater,
            Capacity = outbox.Capacity,
            RoundTrips = trips,
            RoundTripMeanNanoseconds = trips == 0 ? 0 : Interlocked.Read(ref _roundTripTotal) / trips,
            RoundTripMaxNanoseconds = Interlocked.Read(ref _roundTripMax),
            Connected = _client.IsConnected,
        };
    }

    /// <summary>Records every round trip into <paramref name="histogram"/> (seconds) with two tags.</summary>
    internal void BindRoundTrip(Histogram<double> histogram, KeyValuePair<string, object?> tag1, KeyValuePair<string, object?> tag2)
    {
        _tag1 = tag1;
        _tag2 = tag2;
        _roundTripHistogram = histogram;
    }

    /// <summary>Stops at once (no drain) and releases the client.</summary>
    public void Dispose()
    {
        if (!_cancel.IsCancellationRequested)
        {
            Stop(TimeSpan.Zero);
        }

        _client.Dispose();
        _runtime.Dispose();
        _cancel.Dispose();
    }

    private void Run()
    {
        CancellationToken cancel = _cancel.Token;
        bool resend = false;
        while (!cancel.IsCancellationRequested)
        {
            if (!_client.IsConnected)
            {
                if (Volatile.Read(ref _draining) == 1 && _outbox.GetStatistics().Depth == 0 && Volatile.Read(ref _inFlight) == 0)
                {
                    return;
                }

                Reconnect(cancel);
                resend = true;
                continue;
            }

            if (Volatile.Read(ref _inFlight) == 0)
            {
                bool draining = Volatile.Read(ref _draining) == 1;
                IpcStatus status = TakeNext(draining ? 0 : IdleReceiveMs, out _);
                if (status != IpcStatus.Ok && draining)
                {
                    return;
                }

                resend = false;
                continue;
            }

            Publish(resend, cancel);
        }
    }

    private void Publish(bool resend, CancellationToken cancel)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            MqttClientPublishResult result = _client.PublishAsync(_message, cancel).GetAwaiter().GetResult();
            Interlocked.Increment(ref _published);
            if (resend)
            {
                Interlocked.Increment(ref _resent);
            }

            long ns = (long)Stopwatch.GetElapsedTime(start).TotalNanoseconds;
            if (result.IsSuccess)
            {
                Interlocked.Increment(ref _acknowledged);
                Interlocked.Increment(ref _roundTrips);
                Interlocked.Add(ref _roundTripTotal, ns);
                if (ns > Interlocked.Read(ref _roundTripMax))
                {
                    Interlocked.Exchange(ref _roundTripMax, ns);
                }

                _roundTripHistogram?.Record(ns / 1e9, _tag1, _tag2);
            }
            else
            {
                // The broker refused this message (not authorized for the topic, quota): it will refuse it again.
                Interlocked.Increment(ref _refused);
                Volatile.Write(ref _lastError, _endpoint.Address + " refused a message to '" + _options.Topic + "': " + result.ReasonCode + ".");
            }

            Volatile.Write(ref _inFlight, 0);
        }
        catch (Exception ex) when (IsConnectionLoss(ex))
        {
            // The message stays in flight and is sent again first once connected.
            Volatile.Write(ref _lastError, "lost the connection to " + _endpoint.Address + ": " + ex.Message.TrimEnd('.') + ".");
        }
    }

    private void Reconnect(CancellationToken cancel)
    {
        TimeSpan wait = _backoff.Next();
        if (cancel.WaitHandle.WaitOne(wait))
        {
            return;
        }

        try
        {
            _endpoint.Connect(_client, cancel);
            _backoff.Reset();
            Interlocked.Increment(ref _reconnects);
        }
        catch (MqttConnectException ex)
        {
            Interlocked.Increment(ref _failedAttempts);
            Volatile.Write(ref _lastError, ex.Message);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static bool IsConnectionLoss(Exception ex) =>
        ex is MqttCommunicationException || ex is MqttClientNotConnectedException || ex is OperationCanceledException
        || ex is IOException || ex is SocketException || ex is ObjectDisposedException || ex is InvalidOperationException;
}
