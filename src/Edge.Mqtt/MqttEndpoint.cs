using System;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;

namespace Edge.Mqtt;

/// <summary>
/// One client's way to a broker: the address, the client id, the credentials and TLS files, keep-alive and the
/// session it asks for. Builds MQTTnet's options, and turns each way a connection can fail into one clear message
/// that says whether trying again can help (<see cref="MqttConnectException"/>).
/// </summary>
public sealed class MqttEndpoint
{
    private readonly X509Certificate2Collection? _trusted;
    private readonly X509Certificate2Collection? _clientCertificates;
    private string? _certificateProblem;

    /// <summary>Creates the endpoint, reading the CA and client certificate files now.</summary>
    /// <param name="address">The broker.</param>
    /// <param name="clientId">The client id: unique on the broker; a second client with the same id takes over the session.</param>
    /// <param name="security">Credentials and TLS files.</param>
    /// <exception cref="MqttConnectException">A certificate or key file cannot be read (permanent).</exception>
    public MqttEndpoint(MqttBrokerAddress address, string clientId, MqttSecurity security)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(security);
        Address = address;
        ClientId = clientId;
        Security = security;
        if (security.CaFile != null)
        {
            _trusted = new X509Certificate2Collection();
            Read(security.CaFile, "CA file", () => _trusted.ImportFromPemFile(security.CaFile));
            if (_trusted.Count == 0)
            {
                throw new MqttConnectException("the CA file " + security.CaFile + " holds no PEM certificate (-----BEGIN CERTIFICATE-----).", isPermanent: true);
            }
        }

        if (security.CertificateFile != null)
        {
            X509Certificate2 pem = null!;
            Read(security.CertificateFile, "client certificate", () => pem = X509Certificate2.CreateFromPemFile(security.CertificateFile, security.KeyFile));
            _clientCertificates = new X509Certificate2Collection(pem);
        }
    }

    /// <summary>The broker.</summary>
    public MqttBrokerAddress Address { get; }

    /// <summary>The client id.</summary>
    public string ClientId { get; }

    /// <summary>Credentials and TLS files.</summary>
    public MqttSecurity Security { get; }

    /// <summary>How long a connection attempt may take (TCP, TLS and CONNACK together).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Keep-alive period: a dead broker is noticed within one and a half of these.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long the broker keeps this client's session (its subscriptions and the QoS 1 and 2 messages for it) while
    /// it is away; 0 asks for a clean session every time.
    /// </summary>
    public uint SessionExpirySeconds { get; init; }

    /// <summary>MQTTnet's options for this endpoint (MQTT 5).</summary>
    /// <returns>The options.</returns>
    public MqttClientOptions CreateOptions()
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(Address.Host, Address.Port)
            .WithClientId(ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithKeepAlivePeriod(KeepAlive)
            .WithTimeout(ConnectTimeout)
            .WithCleanStart(SessionExpirySeconds == 0)
            .WithSessionExpiryInterval(SessionExpirySeconds);
        if (Security.Username != null)
        {
            builder.WithCredentials(Security.Username, Security.Password ?? string.Empty);
        }

        if (Address.UseTls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls(true).WithTargetHost(Address.Host).WithCertificateValidationHandler(Validate);
                if (_clientCertificates != null)
                {
                    tls.WithClientCertificates(_clientCertificates);
                }
            });
        }

        return builder.Build();
    }

    /// <summary>Connects <paramref name="client"/>, translating every failure.</summary>
    /// <param name="client">The client.</param>
    /// <param name="cancel">Ends the attempt early.</param>
    /// <returns>Whether the broker still had this client's session.</returns>
    /// <remarks>Blocks up to <see cref="ConnectTimeout"/>. Not for interrupt or driver callbacks.</remarks>
    /// <exception cref="MqttConnectException">The attempt failed; the message names the broker and the cause.</exception>
    public bool Connect(IMqttClient client, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(client);
        _certificateProblem = null;
        try
        {
            MqttClientConnectResult result = client.ConnectAsync(CreateOptions(), cancel).GetAwaiter().GetResult();
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw Refused(result.ResultCode, result.ReasonString);
            }

            return result.IsSessionPresent;
        }
        catch (MqttConnectException)
        {
            throw;
        }
        catch (OperationCanceledException ex) when (!cancel.IsCancellationRequested)
        {
            throw new MqttConnectException(Address + " did not answer within " + ConnectTimeout.TotalSeconds + " s.", isPermanent: false, ex);
        }
        catch (Exception ex) when (ex is MqttCommunicationException || ex is SocketException || ex is IOException || ex is AuthenticationException || ex is TimeoutException)
        {
            throw Translate(ex);
        }
    }

    private MqttConnectException Translate(Exception ex)
    {
        for (Exception? e = ex; e != null; e = e.InnerException)
        {
            if (e is MqttConnectingFailedException failed && failed.Message.Length > 0)
            {
                foreach (MqttClientConnectResultCode code in Enum.GetValues<MqttClientConnectResultCode>())
                {
                    if (code != MqttClientConnectResultCode.Success && failed.Message.Contains(code.ToString(), StringComparison.Ordinal))
                    {
                        return Refused(code, null, ex);
                    }
                }
            }

            if (e is AuthenticationException)
            {
                return new MqttConnectException(
                    "the TLS handshake with " + Address + " failed: " + (_certificateProblem ?? e.Message.TrimEnd('.')) + ".", isPermanent: true, ex);
            }

            if (e is SocketException socket)
            {
                string why = socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused (is the broker running and listening on port " + Address.Port + "?)",
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "the host name '" + Address.Host + "' is not known",
                    SocketError.TimedOut => "no answer (timed out)",
                    SocketError.NetworkUnreachable or SocketError.HostUnreachable => "the host is unreachable",
                    _ => socket.Message.TrimEnd('.'),
                };
                return new MqttConnectException("cannot reach " + Address + ": " + why + ".", isPermanent: false, ex);
            }

            if (e is TimeoutException || e is MqttCommunicationTimedOutException)
            {
                return new MqttConnectException(Address + " did not answer within " + ConnectTimeout.TotalSeconds + " s.", isPermanent: false, ex);
            }
        }

        return new MqttConnectException("cannot connect to " + Address + ": " + ex.Message.TrimEnd('.') + ".", isPermanent: false, ex);
    }

    private MqttConnectException Refused(MqttClientConnectResultCode code, string? reason, Exception? inner = null)
    {
        string why = code switch
        {
            MqttClientConnectResultCode.BadUserNameOrPassword => "refused the user name or password",
            MqttClientConnectResultCode.NotAuthorized => Security.Username == null
                ? "refused this client: not authorized (no user name was given; set mqtt.username in the settings file or EDGE_MQTT_USERNAME)"
                : "refused the credentials of user '" + Security.Username + "': not authorized (check mqtt.password in the settings file or EDGE_MQTT_PASSWORD)",
            MqttClientConnectResultCode.ClientIdentifierNotValid => "refused the client id '" + ClientId + "'",
            MqttClientConnectResultCode.Banned => "has banned this client",
            _ => "refused the connection (" + code + ")",
        };
        bool permanent = code != MqttClientConnectResultCode.ServerUnavailable && code != MqttClientConnectResultCode.ServerBusy
            && code != MqttClientConnectResultCode.ConnectionRateExceeded && code != MqttClientConnectResultCode.QuotaExceeded;
        return new MqttConnectException(Address + " " + why + (string.IsNullOrEmpty(reason) ? string.Empty : ": " + reason) + ".", permanent, inner);
    }

    /// <summary>
    /// Checks the broker's certificate: it must chain to the CA file (or, without one, to the system's CAs) and name the
    /// host of the URL. What is wrong is kept for the message.
    /// </summary>
    private bool Validate(MqttClientCertificateValidationEventArgs args)
    {
        if (args.Certificate == null)
        {
            _certificateProblem = "the broker sent no certificate";
            return false;
        }

        SslPolicyErrors errors = args.SslPolicyErrors;
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            _certificateProblem = "the broker's certificate does not name the host '" + Address.Host + "'";
            return false;
        }

        if (_trusted == null)
        {
            if (errors != SslPolicyErrors.None)
            {
                _certificateProblem = "the broker's certificate is not trusted by the system's CAs (" + errors + "); name its CA in mqtt.caFile in the settings file";
            }

            return errors == SslPolicyErrors.None;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var certificate = new X509Certificate2(args.Certificate);
        if (chain.Build(certificate))
        {
            return true;
        }

        var problems = new System.Collections.Generic.List<string>();
        foreach (X509ChainStatus status in chain.ChainStatus)
        {
            problems.Add(status.StatusInformation.Trim().TrimEnd('.'));
        }

        _certificateProblem = "the broker's certificate (" + certificate.Subject + ") does not chain to the CA file " + Security.CaFile + ": " + string.Join("; ", problems);
        return false;
    }

    private static void Read(string file, string what, Action read)
    {
        try
        {
            read();
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is CryptographicException || ex is ArgumentException)
        {
            string why = ex is FileNotFoundException || ex is DirectoryNotFoundException ? "it does not exist"
                : ex is UnauthorizedAccessException ? "permission denied"
                : ex.Message.TrimEnd('.');
            throw new MqttConnectException("cannot read the " + what + " " + file + ": " + why + ".", isPermanent: true, ex);
        }
    }
}
