using System;
using System.Diagnostics.CodeAnalysis;

namespace Edge.Ipc;

/// <summary>
/// Misuse is reported here, out of line, so that the hot methods stay small. Every message names the value
/// and the limit it broke.
/// </summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    internal static void ThrowArgumentNull(string paramName) =>
        throw new ArgumentNullException(paramName);

    [DoesNotReturn]
    internal static void ThrowArgumentOutOfRange(string paramName, string message) =>
        throw new ArgumentOutOfRangeException(paramName, message);

    [DoesNotReturn]
    internal static void ThrowArgument(string paramName, string message) =>
        throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    internal static void ThrowInvalidOperation(string message) =>
        throw new InvalidOperationException(message);

    // The (message, inner) constructor is the one .NET and nanoFramework share.
    [DoesNotReturn]
    internal static void ThrowObjectDisposed(string message) =>
        throw new ObjectDisposedException(message, (Exception?)null);

    /// <summary>Timeouts are milliseconds: 0 polls, -1 (<see cref="System.Threading.Timeout.Infinite"/>) waits forever.</summary>
    internal static void ValidateTimeout(int timeoutMs)
    {
        if (timeoutMs < -1)
        {
            ThrowArgumentOutOfRange(
                "timeoutMs",
                "Timeout must be 0 (poll), a positive number of milliseconds or -1 (infinite); got " + timeoutMs + ".");
        }
    }

    internal static void ValidateRange(byte[] array, int offset, int count, string arrayName)
    {
        if (array == null)
        {
            ThrowArgumentNull(arrayName);
        }

        if (offset < 0 || offset > array!.Length)
        {
            ThrowArgumentOutOfRange(
                "offset",
                "Offset " + offset + " is outside " + arrayName + " (length " + array!.Length + ").");
        }

        if (count < 0 || count > array!.Length - offset)
        {
            ThrowArgumentOutOfRange(
                "count",
                "Count " + count + " at offset " + offset + " runs past the end of " + arrayName + " (length " + array!.Length + ").");
        }
    }
}
