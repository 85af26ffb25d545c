using System.Text.Json.Serialization;

namespace Edge.Hardware.Boards;

/// <summary>The generated contract of board profiles; constructed with <see cref="Edge.Configuration.ConfigFile.CreateOptions"/>.</summary>
[JsonSerializable(typeof(BoardFile))]
internal sealed partial class BoardJsonContext : JsonSerializerContext
{
    /// <summary>The strict instance every board profile is read with.</summary>
    public static BoardJsonContext Strict { get; } = new BoardJsonContext(Edge.Configuration.ConfigFile.CreateOptions());
}
