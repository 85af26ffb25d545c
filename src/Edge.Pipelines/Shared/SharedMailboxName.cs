using System;

namespace Edge.Pipelines.Shared;

/// <summary>The rule for a shared mailbox's name, whose file is <c>/dev/shm/edge.NAME</c>.</summary>
public static class SharedMailboxName
{
    /// <summary>The longest name (the tap's file adds <c>.tap</c>).</summary>
    public const int MaxLength = 96;

    /// <summary>The name of <paramref name="mailbox"/>'s tap segment, <c>NAME.tap</c>: receivers post a copy of every message they take there.</summary>
    /// <param name="mailbox">The shared mailbox's name.</param>
    /// <returns>The tap's name.</returns>
    public static string TapOf(string mailbox) => mailbox + ".tap";

    /// <summary>What is wrong with <paramref name="name"/> as a shared mailbox's name, or null when it is fine.</summary>
    /// <param name="name">A name.</param>
    /// <returns>The problem, as "\"x\" cannot name a shared mailbox: ...", or null.</returns>
    /// <remarks>Never blocks.</remarks>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        bool valid = name.Length > 0 && name.Length <= MaxLength && name[0] != '.'
            && Array.TrueForAll(name.ToCharArray(), c => char.IsAsciiLetterOrDigit(c) || c == '.' || c == '-' || c == '_');
        return valid ? null : "\"" + name + "\" cannot name a shared mailbox: use 1 to " + MaxLength + " letters, digits, '.', '-' and '_', not starting with '.' (the file is /dev/shm/edge.NAME).";
    }
}
