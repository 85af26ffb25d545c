using System;

namespace Edge.Configuration;

/// <summary>
/// What an object of a configuration file is called in messages: "mailbox", "stage", "scenario file". On the base
/// of a polymorphic family the noun follows the discriminator: a <c>filter</c> stage.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ConfigNounAttribute : Attribute
{
    /// <summary>Names the object.</summary>
    /// <param name="noun">The noun, without article.</param>
    public ConfigNounAttribute(string noun)
    {
        Noun = noun;
    }

    /// <summary>The noun.</summary>
    public string Noun { get; }
}
