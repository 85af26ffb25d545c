using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Edge.Configuration;

namespace Edge.Pipelines.Configuration;

/// <summary>A pin as a pipeline file names it: a number (<c>17</c>) or a name from the board profile (<c>"BUTTON"</c>).</summary>
[JsonConverter(typeof(PinReferenceConverter))]
internal readonly struct PinReference
{
    public PinReference(int? number, string? name)
    {
        Number = number;
        Name = name;
    }

    /// <summary>The pin number, when given as a number.</summary>
    public int? Number { get; }

    /// <summary>The pin name, when given as a string.</summary>
    public string? Name { get; }

    /// <summary>As the user wrote it.</summary>
    public override string ToString() => Name ?? Number!.Value.ToString(CultureInfo.InvariantCulture);
}
