using System.Globalization;
using System.IO;
using Edge.Ipc;

namespace Edge.Cli.Demo;

/// <summary>
/// How <see cref="MailboxDemo"/> looks in a terminal: plain text, aligned columns, invariant culture.
/// It only formats; what to print and when is the demo's business.
/// </summary>
/// <remarks>Not thread-safe: the demo calls it from one thread at a time (see <see cref="MailboxDemo"/>).</remarks>
internal sealed class DemoPrinter
{
    private readonly TextWriter _output;
    private readonly int _senderWidth;

    /// <summary>Creates a printer writing to <paramref name="output"/>.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="senderWidth">Width of the sender column: the longest task name.</param>
    public DemoPrinter(TextWriter output, int senderWidth)
    {
        _output = output;
        _senderWidth = senderWidth;
    }

    /// <summary>What runs, the memory it reserved, and the column headings of the message lines.</summary>
    public void WriteHeader(DemoSettings settings, Mailbox mailbox, int reservedBytes, string consumer)
    {
        _output.WriteLine(
            "edge demo: " + Plural(settings.Producers, "producer") + " x " + Plural(settings.Messages, "reading")
            + " -> " + mailbox + " -> " + consumer);
        _output.WriteLine(
            "  capacity " + settings.Capacity + (settings.Capacity == 0 ? " (rendezvous)" : "")
            + ", " + mailbox.SlotSize + "-byte slots, " + reservedBytes + " bytes reserved at build"
            + ", consumer works " + settings.ConsumerDelayMs + " ms per message");
        _output.WriteLine();
        _output.WriteLine(
            Format("{0,7}  {1}  {2,4}  {3,-8}  {4,8}  {5,11}", "seq", "sender".PadRight(_senderWidth), "tag", "reading", "value", "latency"));
    }

    /// <summary>One received message: sequence, sender, tag, the reading and how long it took to arrive.</summary>
    public void WriteMessage(in MessageInfo info, string sender, in Reading reading, long latencyNanoseconds)
    {
        _output.WriteLine(
            Format(
                "{0,7}  {1}  {2,4}  {3,-8}  {4,6:0.00} C  {5,8:0.0} us",
                info.Sequence,
                sender.PadRight(_senderWidth),
                info.Tag,
                "#" + reading.Counter.ToString(CultureInfo.InvariantCulture),
                reading.Centidegrees / 100.0,
                latencyNanoseconds / 1000.0));
    }

    /// <summary>The mailbox's counters, one per row.</summary>
    public void WriteStatistics(Mailbox mailbox, in BufferStatistics s)
    {
        _output.WriteLine();
        _output.WriteLine(mailbox + " statistics");
        WriteRow("sent", s.Sent, "");
        WriteRow("received", s.Received, "");
        WriteRow("refused-full", s.RefusedFull, s.RefusedFull == 0 ? "" : "tries that found it full; the producer then waited for room");
        WriteRow("timed out", s.TimedOut, "");
        WriteRow("dropped", s.Dropped, "");
        WriteRow("depth", s.Depth, "");
        WriteRow("high-water", s.HighWater, "");
        WriteRow("capacity", s.Capacity, "");
        _output.WriteLine();
        _output.WriteLine("tasks");
    }

    /// <summary>One producer's row under "tasks".</summary>
    public void WriteProducer(string name, int sent, int waitedForRoom) =>
        WriteRow(name, sent, "sent, waited for room " + Plural(waitedForRoom, "time"));

    /// <summary>The consumer's row under "tasks", with the latencies it measured.</summary>
    public void WriteConsumer(string name, DeliveryLedger ledger)
    {
        WriteRow(
            name,
            ledger.Delivered,
            ledger.Delivered == 0
                ? "received"
                : Format(
                    "received, latency min {0:0.0} us, mean {1:0.0} us, max {2:0.0} us",
                    ledger.MinLatencyNanoseconds / 1000.0,
                    ledger.TotalLatencyNanoseconds / 1000.0 / ledger.Delivered,
                    ledger.MaxLatencyNanoseconds / 1000.0));
        _output.WriteLine();
    }

    /// <summary>A line saying what went wrong.</summary>
    public void WriteFailure(string problem) => _output.WriteLine("FAILED: " + problem);

    /// <summary>The closing line of a run where everything arrived.</summary>
    public void WriteSuccess(DeliveryLedger ledger) =>
        _output.WriteLine("delivered " + ledger.Delivered + " of " + ledger.Expected + ", none lost, FIFO per producer held");

    private void WriteRow(string name, long value, string note) =>
        _output.WriteLine(Format("  {0,-14}{1,8}{2}", name, value, note.Length == 0 ? "" : "  " + note));

    private static string Plural(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");

    private static string Format(string format, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, format, args);
}
