using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using Edge.Configuration;

namespace Edge.Pipelines.Configuration;

/// <summary>A stage's <c>to</c>: one mailbox name, or an array of them to fan out.</summary>
[JsonConverter(typeof(MailboxNamesConverter))]
internal sealed class MailboxNames
{
    public MailboxNames(string[] names, bool isArray)
    {
        Names = names;
        IsArray = isArray;
    }

    /// <summary>The names, in file order.</summary>
    public string[] Names { get; }

    /// <summary>True when written as an array (entries are then <c>to[i]</c>).</summary>
    public bool IsArray { get; }
}

/// <summary>Reads <see cref="MailboxNames"/>: a string, or an array of strings.</summary>
internal sealed class MailboxNamesConverter : JsonConverter<MailboxNames>
{
    private const string Expected = "must be a mailbox name or an array of mailbox names; got ";

    public override MailboxNames Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new MailboxNames(new[] { reader.GetString()! }, false);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new ConfigValueException(Expected + ConfigText.Token(ref reader) + ".");
        }

        var names = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new ConfigValueException(Expected + "an array holding " + ConfigText.Token(ref reader) + ".");
            }

            names.Add(reader.GetString()!);
        }

        return new MailboxNames(names.ToArray(), true);
    }

    public override void Write(Utf8JsonWriter writer, MailboxNames value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (string name in value.Names)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
    }
}
