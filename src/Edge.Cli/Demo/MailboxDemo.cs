using System;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using Edge.Ipc;

namespace Edge.Cli.Demo;

/// <summary>
/// The demo behind <c>edge demo</c>: producer tasks send simulated sensor readings through one bounded
/// mailbox, owned by a consumer task that prints each message as it arrives; at the end the demo prints the
/// mailbox's statistics and checks that every reading arrived, once, in order per producer.
/// </summary>
/// <remarks>
/// <para>How it ends, without depending on timing: each producer sends its readings with blocking sends; the
/// last producer to finish closes the mailbox; the consumer drains what is queued and then receives
/// <see cref="IpcStatus.Closed"/>. If the consumer fails instead, it closes the mailbox too, so blocked
/// producers wake with <see cref="IpcStatus.Closed"/> and nothing hangs.</para>
/// <para>Back-pressure: a producer first tries to send without waiting; when the mailbox is full it counts
/// that (the mailbox counts it as refused-full) and then waits for room. Nothing is ever dropped.</para>
/// <para>Output goes to one <see cref="TextWriter"/>: the header from the calling thread before the tasks
/// start, the message lines from the consumer task only, the summary from the calling thread after the
/// consumer has finished. So lines never interleave.</para>
/// </remarks>
internal sealed class MailboxDemo : IDisposable
{
    /// <summary>Name of the mailbox the readings travel through.</summary>
    public const string MailboxName = "readings";

    /// <summary>Name of the consumer task, which owns the mailbox.</summary>
    public const string ConsumerName = "consumer";

    /// <summary>How long to wait for the task threads once the consumer is done; only a bound on a hang.</summary>
    private const int StopTimeoutMs = 10_000;

    private static readonly int s_slotSize = Unsafe.SizeOf<Reading>();

    private readonly DemoSettings _settings;
    private readonly IpcRuntime _runtime;
    private readonly Mailbox _readings;
    private readonly DeliveryLedger _ledger;
    private readonly DemoPrinter _printer;
    private readonly string[] _taskNames;

    // Each producer writes only its own element; the calling thread reads them after Stop has joined the threads.
    private readonly int[] _sentBy;
    private readonly int[] _waitedForRoom;

    // Producers still sending; the one that brings it to 0 closes the mailbox.
    private int _producersRunning;

    // 1 once Run has been called: a runtime starts once.
    private int _ran;

    // Set by the consumer when it has received its last message (or failed): the summary may then be printed.
    private readonly ManualResetEventSlim _consumerDone = new ManualResetEventSlim(false);

    /// <summary>Declares the tasks and the mailbox and builds the runtime; nothing runs until <see cref="Run"/>.</summary>
    /// <param name="settings">What to run.</param>
    /// <param name="output">Where the demo writes; the console, or a <see cref="StringWriter"/> in tests.</param>
    /// <param name="clock">The clock stamped into messages; null for the board's <see cref="SystemClock"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> or <paramref name="output"/> is null.</exception>
    public MailboxDemo(DemoSettings settings, TextWriter output, IClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        _settings = settings;
        _sentBy = new int[settings.Producers];
        _waitedForRoom = new int[settings.Producers];
        _producersRunning = settings.Producers;

        var layout = new IpcLayout();
        for (int p = 1; p <= settings.Producers; p++)
        {
            int producer = p;
            layout.AddTask(ProducerName(producer), self => Produce(self, producer));
        }

        layout.AddTask(ConsumerName, Consume)
            .AddMailbox(
                MailboxName,
                settings.Capacity,
                s_slotSize,
                new MailboxOptions { Owner = ConsumerName, ReceiveMode = ReceiveMode.OwnerOnly });
        _runtime = layout.Build(clock ?? SystemClock.Instance);

        // Task bodies receive only their EdgeTask, so they reach the mailbox through this field. It is set
        // once, after Build and before Start; starting the task threads publishes it to them.
        _readings = _runtime.GetMailbox(MailboxName);

        var producerIds = new int[settings.Producers];
        int senderWidth = 0;
        _taskNames = new string[_runtime.TaskCount + 1];
        foreach (EdgeTask task in _runtime.GetTasks())
        {
            _taskNames[task.Id] = task.Name;
            senderWidth = Math.Max(senderWidth, task.Name.Length);
        }

        for (int p = 1; p <= settings.Producers; p++)
        {
            producerIds[p - 1] = _runtime.GetTask(ProducerName(p)).Id;
        }

        _ledger = new DeliveryLedger(producerIds, settings.Messages, s_slotSize);
        _printer = new DemoPrinter(output, senderWidth);
    }

    /// <summary>The name of producer <paramref name="producer"/> (from 1).</summary>
    public static string ProducerName(int producer) => "producer-" + producer.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs the demo once: starts the tasks, waits for the consumer to drain the closed mailbox, stops the
    /// runtime and prints the statistics and the verdict.
    /// </summary>
    /// <returns><see cref="ExitCodes.Success"/> when every reading arrived once and in order per producer and
    /// no task failed; otherwise <see cref="ExitCodes.Failure"/>.</returns>
    /// <remarks>Blocks until the consumer is done; with a consumer delay that is at least the delay times the
    /// number of readings.</remarks>
    /// <exception cref="InvalidOperationException">The demo has already run.</exception>
    public int Run()
    {
        if (Interlocked.Exchange(ref _ran, 1) != 0)
        {
            throw new InvalidOperationException("A MailboxDemo runs once; create another to run again.");
        }

        _printer.WriteHeader(_settings, _readings, _runtime.ReservedBytes, ConsumerName);
        _runtime.Start();
        _consumerDone.Wait();
        bool stopped = _runtime.Stop(StopTimeoutMs);

        _printer.WriteStatistics(_readings, _readings.GetStatistics());
        for (int p = 1; p <= _settings.Producers; p++)
        {
            _printer.WriteProducer(ProducerName(p), _sentBy[p - 1], _waitedForRoom[p - 1]);
        }

        _printer.WriteConsumer(ConsumerName, _ledger);
        return Verdict(stopped);
    }

    /// <summary>Stops the runtime if it is still running and releases the demo's wait handle.</summary>
    public void Dispose()
    {
        _runtime.Dispose();
        _consumerDone.Dispose();
    }

    private void Produce(EdgeTask self, int producer)
    {
        try
        {
            for (int counter = 1; counter <= _settings.Messages; counter++)
            {
                Reading reading = Reading.Simulate(producer, counter);
                IpcStatus status = _readings.Send(self, in reading, producer, 0);
                if (status == IpcStatus.Full)
                {
                    // Back-pressure: the consumer is behind. Wait for room rather than drop the reading.
                    _waitedForRoom[producer - 1]++;
                    status = _readings.Send(self, in reading, producer, Timeout.Infinite);
                }

                if (status != IpcStatus.Ok)
                {
                    // Only Closed is possible here: the consumer failed and closed the mailbox.
                    return;
                }

                _sentBy[producer - 1]++;
            }
        }
        finally
        {
            if (Interlocked.Decrement(ref _producersRunning) == 0)
            {
                // The last producer out: the consumer may drain what is queued, then it receives Closed.
                _readings.Close();
            }
        }
    }

    private void Consume(EdgeTask self)
    {
        try
        {
            while (_readings.Receive(self, out Reading reading, out MessageInfo info, Timeout.Infinite) == IpcStatus.Ok)
            {
                long latency = _runtime.Clock.NowNanoseconds - info.Timestamp;
                _ledger.Record(info, reading, latency);
                _printer.WriteMessage(info, _taskNames[info.Sender], reading, latency);
                if (_settings.ConsumerDelayMs > 0)
                {
                    // Simulated processing time, so that the mailbox fills and producers meet back-pressure.
                    // Nothing waits on it and no result depends on it.
                    Thread.Sleep(_settings.ConsumerDelayMs);
                }
            }
        }
        finally
        {
            // On the normal path the mailbox is already closed. If this task failed, closing wakes the
            // producers blocked on a full mailbox, so they end instead of waiting forever.
            _readings.Close();
            _consumerDone.Set();
        }
    }

    /// <summary>Prints what went wrong, if anything, or the success line; returns the exit code.</summary>
    private int Verdict(bool stopped)
    {
        bool ok = true;
        foreach (EdgeTask task in _runtime.GetTasks())
        {
            if (task.Fault != null)
            {
                _printer.WriteFailure(task.Name + " stopped with " + task.Fault.GetType().Name + ": " + task.Fault.Message);
                ok = false;
            }
        }

        if (!stopped)
        {
            _printer.WriteFailure("the tasks did not end within " + StopTimeoutMs + " ms of the consumer finishing");
            ok = false;
        }

        if (_ledger.FirstProblem != null)
        {
            _printer.WriteFailure(_ledger.FirstProblem);
            ok = false;
        }

        if (ok && _ledger.AllDeliveredInOrder)
        {
            _printer.WriteSuccess(_ledger);
            return ExitCodes.Success;
        }

        if (_ledger.Delivered != _ledger.Expected)
        {
            _printer.WriteFailure(
                "delivered " + _ledger.Delivered + " of " + _ledger.Expected + ", " + (_ledger.Expected - _ledger.Delivered) + " missing");
        }

        return ExitCodes.Failure;
    }
}
