using System;
using System.IO;
using Edge.Ipc;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Sinks;

/// <summary><c>csv</c> or <c>jsonl</c>: appends every message to a file, one line each. Only the sink's task touches the file.</summary>
internal sealed class FileSink : PipelineNode
{
    private readonly SinkOutput _output;
    private StreamWriter? _writer;
    private bool _headerWritten;

    /// <summary>Creates the sink; the file is created when the pipeline is built.</summary>
    /// <param name="name">The task name.</param>
    /// <param name="entry">The file entry.</param>
    /// <param name="from">The input mailbox.</param>
    /// <param name="path">The output file (full path).</param>
    /// <param name="csv">True for CSV, false for JSON lines.</param>
    /// <param name="output">The transcript recorder.</param>
    public FileSink(string name, string entry, string from, string path, bool csv, SinkOutput output)
        : base(name, entry, from, Array.Empty<string>())
    {
        Path = path;
        IsCsv = csv;
        _output = output;
    }

    /// <summary>The output file.</summary>
    public string Path { get; }

    /// <summary>True for CSV, false for JSON lines.</summary>
    public bool IsCsv { get; }

    /// <summary>Lines written.</summary>
    public long Lines { get; private set; }

    /// <inheritdoc />
    public override bool Accepts(MessageKind kind) => true;

    /// <inheritdoc />
    public override MessageKind? OutputKind(MessageKind input) => null;

    /// <summary>Creates the file (and its folder), replacing an older one.</summary>
    /// <exception cref="IOException">It cannot be created; the message says why in the user's terms.</exception>
    internal void Open()
    {
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

        _writer = new StreamWriter(Path, append: false);
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
        if (IsCsv && !_headerWritten)
        {
            _writer!.WriteLine(codec.CsvHeader);
            _headerWritten = true;
        }

        string line = IsCsv ? codec.Csv(message) : codec.Json(message);
        _writer!.WriteLine(line);
        _output.Record(Name, line);
        Lines++;
    }

    /// <inheritdoc />
    protected override void Finish() => _writer?.Flush();
}
