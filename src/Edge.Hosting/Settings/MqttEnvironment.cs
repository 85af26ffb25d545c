using System;
using System.IO;
using Edge.Configuration;
using Edge.Mqtt;

namespace Edge.Hosting.Settings;

/// <summary>
/// Puts together what a run's MQTT clients use beyond their pipeline file, from the settings file's <c>mqtt</c>
/// section, the environment and the command line, each overriding the one before:
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>broker</term><description><c>--mqtt-broker</c>, else <c>EDGE_MQTT_BROKER</c>, else <c>mqtt.broker</c>, else each entry's own <c>broker</c>.</description></item>
/// <item><term>user name, password</term><description><c>EDGE_MQTT_USERNAME</c>, <c>EDGE_MQTT_PASSWORD</c>, else <c>mqtt.username</c>, <c>mqtt.password</c>.</description></item>
/// <item><term>TLS files</term><description><c>EDGE_MQTT_CA_FILE</c>, <c>EDGE_MQTT_CERT_FILE</c>, <c>EDGE_MQTT_KEY_FILE</c>, else <c>mqtt.caFile</c>, <c>mqtt.certificateFile</c>, <c>mqtt.keyFile</c>.</description></item>
/// </list>
/// Credentials are never taken from the command line, where other users of the machine could read them.
/// </remarks>
public static class MqttEnvironment
{
    /// <summary>The variable naming the broker.</summary>
    public const string Broker = "EDGE_MQTT_BROKER";

    /// <summary>The variable naming the user.</summary>
    public const string Username = "EDGE_MQTT_USERNAME";

    /// <summary>The variable holding the password.</summary>
    public const string Password = "EDGE_MQTT_PASSWORD";

    /// <summary>The variable naming the CA file.</summary>
    public const string CaFile = "EDGE_MQTT_CA_FILE";

    /// <summary>The variable naming the client certificate file.</summary>
    public const string CertificateFile = "EDGE_MQTT_CERT_FILE";

    /// <summary>The variable naming the client key file.</summary>
    public const string KeyFile = "EDGE_MQTT_KEY_FILE";

    /// <summary>Resolves the MQTT settings of a run.</summary>
    /// <param name="settings">The settings file's section, or null.</param>
    /// <param name="settingsFile">The settings file, for messages; null without one.</param>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    /// <param name="commandLineBroker">The <c>--mqtt-broker</c> value, already checked, or null.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ConfigurationException">A variable is wrong: <c>edge: EDGE_MQTT_BROKER: problem</c>.</exception>
    public static MqttClientSettings Resolve(MqttSettings? settings, string? settingsFile, Func<string, string?> environment, string? commandLineBroker)
    {
        ArgumentNullException.ThrowIfNull(environment);
        MqttBrokerAddress? broker = settings?.Broker;
        string? origin = broker != null ? settingsFile + ": mqtt.broker" : null;
        string? fromEnvironment = Value(environment, Broker);
        if (fromEnvironment != null)
        {
            broker = Address(fromEnvironment, Broker);
            origin = Broker;
        }

        if (commandLineBroker != null)
        {
            broker = Address(commandLineBroker, "--mqtt-broker");
            origin = "--mqtt-broker";
        }

        string? user = Value(environment, Username) ?? settings?.Username;
        string? password = Value(environment, Password) ?? settings?.Password;
        if (password != null && user == null)
        {
            throw new ConfigurationException("edge", Password, "needs a user name too (EDGE_MQTT_USERNAME or mqtt.username in the settings file): MQTT sends a password only with a user name.");
        }

        string? certificate = File(environment, CertificateFile) ?? settings?.CertificateFile;
        string? key = File(environment, KeyFile) ?? settings?.KeyFile;
        if (key != null && certificate == null)
        {
            throw new ConfigurationException("edge", KeyFile, "needs a client certificate too (EDGE_MQTT_CERT_FILE or mqtt.certificateFile in the settings file).");
        }

        return new MqttClientSettings
        {
            Broker = broker,
            BrokerOrigin = origin,
            Security = new MqttSecurity
            {
                Username = user,
                Password = password,
                CaFile = File(environment, CaFile) ?? settings?.CaFile,
                CertificateFile = certificate,
                KeyFile = key,
            },
        };
    }

    /// <summary>Checks a broker URL given on the command line or in the environment.</summary>
    /// <param name="text">The URL.</param>
    /// <param name="name">Where it came from, for the message.</param>
    /// <returns>The address.</returns>
    /// <exception cref="ConfigurationException">It is not a broker URL.</exception>
    public static MqttBrokerAddress Address(string text, string name)
    {
        if (!MqttBrokerAddress.TryParse(text, out MqttBrokerAddress? address, out string problem))
        {
            throw new ConfigurationException("edge", name, problem);
        }

        return address!;
    }

    private static string? Value(Func<string, string?> environment, string name)
    {
        string? value = environment(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static string? File(Func<string, string?> environment, string name)
    {
        string? path = Value(environment, name);
        if (path != null && !System.IO.File.Exists(path))
        {
            throw new ConfigurationException("edge", name, "\"" + path + "\" does not exist" + (Directory.Exists(path) ? " as a file (it is a folder)" : string.Empty) + "; name a PEM file.");
        }

        return path == null ? null : Path.GetFullPath(path);
    }
}
