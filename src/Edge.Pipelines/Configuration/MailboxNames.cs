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
