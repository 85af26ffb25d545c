using System;
using System.IO;

namespace Edge.Mqtt.Tests.Broker;

/// <summary>
/// A certificate authority made by the test with openssl, a broker certificate it signed for localhost and
/// 127.0.0.1, a client certificate it signed, and a second, unrelated CA (whose trust must not be enough).
/// </summary>
internal sealed class TestCertificates
{
    private TestCertificates(string folder)
    {
        Folder = folder;
    }

    public string Folder { get; }

    public string CaFile => Path.Combine(Folder, "ca.pem");

    public string OtherCaFile => Path.Combine(Folder, "other-ca.pem");

    public string ServerCertificateFile => Path.Combine(Folder, "server.pem");

    public string ServerKeyFile => Path.Combine(Folder, "server.key");

    public string ClientCertificateFile => Path.Combine(Folder, "client.pem");

    public string ClientKeyFile => Path.Combine(Folder, "client.key");

    /// <summary>Whether the broker asks clients for a certificate signed by the CA.</summary>
    public bool RequireClientCertificate { get; init; }

    public static TestCertificates Create(string folder, bool requireClientCertificate = false)
    {
        Directory.CreateDirectory(folder);
        var c = new TestCertificates(folder) { RequireClientCertificate = requireClientCertificate };
        string Key(string name) => Path.Combine(folder, name);
        foreach (string ca in new[] { "ca", "other-ca" })
        {
            Mosquitto.RunTool("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Edge test " + ca,
                "-keyout", Key(ca + ".key"), "-out", Key(ca + ".pem"));
        }

        File.WriteAllText(Key("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        File.WriteAllText(Key("client.ext"), "extendedKeyUsage=clientAuth\n");
        foreach (string who in new[] { "server", "client" })
        {
            Mosquitto.RunTool("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + (who == "server" ? "localhost" : "edge-client"),
                "-keyout", Key(who + ".key"), "-out", Key(who + ".csr"));
            Mosquitto.RunTool("openssl", "x509", "-req", "-in", Key(who + ".csr"), "-CA", c.CaFile, "-CAkey", Key("ca.key"), "-CAcreateserial",
                "-days", "2", "-extfile", Key(who + ".ext"), "-out", Key(who + ".pem"));
        }

        return c;
    }
}
