using System.Globalization;
using System.Text.Json;

namespace Edge.Configuration;

/// <summary>How values and entries are written in configuration messages, the same way for every file kind.</summary>
public static class ConfigText
{
    /// <summary>The entry of a property: <c>stages[1]</c> + <c>window</c> is <c>stages[1].window</c>.</summary>
    /// <param name="parent">The parent entry; empty for the root.</param>
    /// <param name="name">The property name.</param>
    /// <returns>The entry.</returns>
    public static string Child(string parent, string name) => parent.Length == 0 || parent == "(root)" ? name : parent + "." + name;

    /// <summary>The entry of an array item: <c>stages</c> + 1 is <c>stages[1]</c>.</summary>
    /// <param name="parent">The array's entry.</param>
    /// <param name="index">The item's index.</param>
    /// <returns>The entry.</returns>
    public static string Item(string parent, int index) => parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>A number as the user wrote it (invariant, shortest round-trip form).</summary>
    /// <param name="value">The number.</param>
    /// <returns>The text.</returns>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A JSON value as a message fragment: <c>the string "x"</c>, <c>12.5</c>, <c>true</c>, <c>an object</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The description.</returns>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "\"" + value.GetString() + "\"",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "nothing",
    };

    /// <summary>The reader's current token as a message fragment, for converters.</summary>
    /// <param name="reader">The reader, positioned on the token.</param>
    /// <returns>The description.</returns>
    public static string Token(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => "\"" + reader.GetString() + "\"",
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray()),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => "nothing",
    };
}
