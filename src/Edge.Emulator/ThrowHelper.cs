using System;
using System.Diagnostics.CodeAnalysis;

namespace Edge.Emulator;

/// <summary>
/// Misuse is reported here, out of line, so that hot methods stay small. Every message names the value and the
/// limit it broke.
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

    [DoesNotReturn]
    internal static void ThrowObjectDisposed(string objectName) =>
        throw new ObjectDisposedException(objectName);
}
