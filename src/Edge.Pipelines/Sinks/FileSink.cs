using System;
using System.IO;
using System.Text;
using Edge.Ipc;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Sinks;

/// <summary>
/// <c>csv</c> or <c>jsonl</c>: appends every message to a file, one line each, with its monotonic timestamp and its
/// wall-clock time (UTC). The file is rotated by size: when the next line would take it past
/// <see cref="MaxBytes"/>, <c>FILE</c> becomes <c>FILE.1</c>, <c>FILE.1</c> becomes <c>FILE.2</c> and so on up to
/// <see cref="Keep"/> copies, the oldest going away; a CSV file starts again with its header row. A file left by an
/// earlier run is rotated the same way when the sink opens, so a restart never truncates data. Only the sink's task
/// touches the file.
/// </summary>
internal sealed class FileSink : PipelineNode
{
    /// <summary>Default size at which a file is rotated: 10 MiB.</summary>
    public const long DefaultMaxBytes = 10L * 1024 * 1024;

    /// <summary>Smallest rotation size other than 0 (never rotate): 1 KiB.</summary>
    public const long MinMaxBytes = 1024;

    /// <summary>Largest rotation size: 1 TiB.</summary>
    public const long MaxMaxBytes = 1L << 40;

    /// <summary>Default number of rotated copies kept.</summary>
    public const int DefaultKeep = 5;

    /// <summary>Most rotated copies kept.</summary>
    public const int MaxKeep = 1000;

    private static readonly UTF8Encoding s_utf8 = new UTF8Encoding(false);

    private readonly SinkOutput _output;
    private WallClock _wallClock = WallClock.System;
    private StreamWriter? _writer;
    private string? _header;
    private long _bytes;
    private bool _rotates;

    /// <summary>Creates the sink; the file is created when the pipeline is built.</summary>
    /// <param name="name">The task name.</param>
    /// <param name="entry">The file entry.</param>
    /// <param name="from">The input mailbox.</param>
    /// <param name="path">The output file (full path).</param>
    /// <param name="csv">True for CSV, false for JSON lines.</param>
    /// <param name="maxBytes">Rotate before the file would exceed this size; 0 never rotates.</param>
    /// <param name="keep">Rotated copies kept (0 keeps none: the file starts afresh).</param>
    /// <param name="output">The transcript recorder.</param>
    public FileSink(string name, string entry, string from, string path, bool csv, long maxBytes, int keep, SinkOutput output)
        : base(name, entry, from, Array.Empty<string>())
    {
        Path = path;
        IsCsv = csv;
        MaxBytes = maxBytes;
        Keep = keep;
        _output = output;
    }

    /// <summary>The output file.</summary>
    public string Path { get; }

    /// <summary>True for CSV, false for JSON lines.</summary>
    public bool IsCsv { get; }

    /// <summary>The size a file may reach before it is rotated; 0 for never.</summary>
    public long MaxBytes { get; }

    /// <summary>How many rotated copies are kept.</summary>
    public int Keep { get; }

    /// <summary>Lines written (header rows not counted).</summary>
    public long Lines { get; private set; }

    /// <summary>Times the file was rotated because it was full (not counting the rotation at open).</summary>
    public long Rotations { get; private set; }

    /// <inheritdoc />
    public override bool Accepts(MessageKind kind) => true;

    /// <inheritdoc />
    public override MessageKind? OutputKind(MessageKind input) => null;

    /// <summary>Creates the file (and its folder); a non-empty file from an earlier run is rotated first.</summary>
    /// <param name="wallClock">Gives each record its wall-clock time.</param>
    /// <exception cref="IOException">It cannot be created; the message says why in the user's terms.</exception>
    internal void Open(WallClock wallClock)
    {
        _wallClock = wallClock;
        string? dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir))
        {
            if (File.Exists(dir))
            {
                throw new IOException(dir + " is a file, not a folder");
            }

            try
            {
                Directory.CreateDirectory(dir);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new IOException("its folder " + dir + " does not exist and cannot be created" + (ex is UnauthorizedAccessException ? " (permission denied)" : string.Empty), ex);
            }
        }

        // A named pipe or a device (read by another program) has no length and is written, never moved.
        var existing = new FileInfo(Path);
        if (existing.Exists && existing.Length > 0)
        {
            Shift();
        }

        _writer = new StreamWriter(Path, append: false, s_utf8);
        _bytes = 0;

        // A named pipe or a device cannot seek: it is a stream another program reads, written but never rotated.
        _rotates = MaxBytes > 0 && _writer.BaseStream.CanSeek;
    }

    internal void Close()
    {
        _writer?.Dispose();
        _writer = null;
    }

    /// <inheritdoc />
    protected override void Handle(ReadOnlySpan<byte> message, in MessageInfo info)
    {
        MessageCodec codec = MessageCodec.For((MessageKind)info.Tag);
        DateTime utc = _wallClock.ToUtc(info.Timestamp, Clock.NowNanoseconds);
        string line = IsCsv ? codec.Csv(message, utc) : codec.Json(message, utc);
        long lineBytes = s_utf8.GetByteCount(line) + 1;
        if (_rotates && _bytes > 0 && _bytes + lineBytes > MaxBytes)
        {
            Rotate();
        }

        if (IsCsv && _bytes == 0)
        {
            _header = codec.CsvHeader;
            Write(_header);
        }

        Write(line);
        _output.Record(Name, line);
        Lines++;
    }

    /// <inheritdoc />
    protected override void Finish() => _writer?.Flush();

    private void Write(string line)
    {
        _writer!.Write(line);
        _writer.Write('\n');
        _bytes += s_utf8.GetByteCount(line) + 1;
    }

    private void Rotate()
    {
        _writer!.Dispose();
        Shift();
        _writer = new StreamWriter(Path, append: false, s_utf8);
        _bytes = 0;
        Rotations++;
    }

    /// <summary>FILE.(keep-1) to FILE.keep, ..., FILE to FILE.1; with keep 0 FILE is simply replaced.</summary>
    private void Shift()
    {
        if (Keep == 0)
        {
            return;
        }

        File.Delete(Path + "." + Keep);
        for (int i = Keep - 1; i >= 1; i--)
        {
            string from = Path + "." + i;
            if (File.Exists(from))
            {
                File.Move(from, Path + "." + (i + 1));
            }
        }

        File.Move(Path, Path + ".1");
    }
}
