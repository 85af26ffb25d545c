using System;

namespace Edge.Mqtt;

/// <summary>
/// A connection to a broker failed. <see cref="IsPermanent"/> says whether trying again can help: refused credentials,
/// an untrusted certificate or an unreadable key file will fail the same way every time; a broker that is down or
/// unreachable may come back.
/// </summary>
public sealed class MqttConnectException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, in the user's terms, naming the broker.</param>
    /// <param name="isPermanent">True when retrying cannot help.</param>
    /// <param name="inner">The cause, or null.</param>
    public MqttConnectException(string message, bool isPermanent, Exception? inner = null)
        : base(message, inner)
    {
        IsPermanent = isPermanent;
    }

    /// <summary>True when retrying cannot help (credentials, certificates, protocol); false for an outage.</summary>
    public bool IsPermanent { get; }
}
