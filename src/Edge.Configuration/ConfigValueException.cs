using System.Text.Json;

namespace Edge.Configuration;

/// <summary>
/// Thrown by Edge's JSON converters when a value has the right JSON type but is not acceptable (a name that is not
/// one of the choices, an address in the wrong form). <see cref="ConfigFile"/> reports its message as the problem.
/// </summary>
public sealed class ConfigValueException : JsonException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What is wrong, as a sentence starting with "must".</param>
    public ConfigValueException(string problem)
        : base(problem)
    {
    }
}
