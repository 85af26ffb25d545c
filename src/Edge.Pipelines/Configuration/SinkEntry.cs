using System.Text.Json.Serialization;
using Edge.Configuration;

namespace Edge.Pipelines.Configuration;

/// <summary>An entry of <c>sinks</c>: its <c>type</c> says which kind.</summary>
[ConfigNoun("sink")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ConsoleSinkEntry), "console")]
[JsonDerivedType(typeof(CsvSinkEntry), "csv")]
[JsonDerivedType(typeof(JsonLinesSinkEntry), "jsonl")]
internal abstract class SinkEntry
{
    public string? Name { get; init; }

    public required string From { get; init; }

    public string? Description { get; init; }
}

/// <summary><c>console</c>: one readable line per <c>every</c> messages.</summary>
internal sealed class ConsoleSinkEntry : SinkEntry
{
    public int Every { get; set; } = 1;
}

/// <summary>A sink that writes a file.</summary>
internal abstract class FileSinkEntry : SinkEntry
{
    public required string Path { get; init; }

    /// <summary>Rotate the file before it would grow past this many bytes; 0 never rotates.</summary>
    public long MaxBytes { get; set; } = Edge.Pipelines.Sinks.FileSink.DefaultMaxBytes;

    /// <summary>Rotated copies kept (FILE.1 newest ... FILE.keep oldest).</summary>
    public int Keep { get; set; } = Edge.Pipelines.Sinks.FileSink.DefaultKeep;
}

/// <summary><c>csv</c>: a CSV file with a header row.</summary>
internal sealed class CsvSinkEntry : FileSinkEntry
{
}

/// <summary><c>jsonl</c>: one JSON object per line.</summary>
internal sealed class JsonLinesSinkEntry : FileSinkEntry
{
}
