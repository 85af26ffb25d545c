using System;

namespace Edge.Hosting.Telemetry;

/// <summary>A metrics exporter that was asked for cannot start (its address is taken or not this machine's); the message says which and why.</summary>
public sealed class MetricsUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What cannot start, where, and why.</param>
    /// <param name="inner">The underlying failure.</param>
    public MetricsUnavailableException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
