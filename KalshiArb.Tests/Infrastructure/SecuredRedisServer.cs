using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KalshiArb.Tests.Infrastructure;

/// <summary>
/// A Debian <c>redis-server</c> of one test, on a free loopback port, with <c>--requirepass</c> and optionally TLS only
/// (a throw-away CA signs a certificate for 127.0.0.1; <see cref="CaPath"/> is the CA's PEM for the client to trust).
/// </summary>
internal sealed class SecuredRedisServer : IDisposable
{
    public const string Binary = "/usr/bin/redis-server";

    private readonly Process _process;
    private readonly string _directory = Directory.CreateTempSubdirectory("kalshiarb-redis-secured-").FullName;

    private SecuredRedisServer(string password, bool tls)
    {
        Port = FreePort.Next();
        var start = new ProcessStartInfo(Binary)
        {
            ArgumentList = { "--bind", "127.0.0.1", "--dir", _directory, "--save", "", "--appendonly", "no", "--requirepass", password },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (tls)
        {
            CaPath = WriteCertificates();
            foreach (string arg in new[]
            {
                "--port", "0", "--tls-port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tls-cert-file", Path.Combine(_directory, "server.crt"), "--tls-key-file", Path.Combine(_directory, "server.key"),
                "--tls-ca-cert-file", CaPath, "--tls-auth-clients", "no",
            })
            {
                start.ArgumentList.Add(arg);
            }
        }
        else
        {
            start.ArgumentList.Add("--port");
            start.ArgumentList.Add(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Binary}");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
    }

    public int Port { get; }

    /// <summary>The CA certificate (PEM) behind the TLS certificate; empty without TLS.</summary>
    public string CaPath { get; } = "";

    public static async Task<SecuredRedisServer> StartAsync(string password, bool tls)
    {
        Assert.SkipUnless(File.Exists(Binary), "install Debian's redis-server (apt-get install redis-server) to run the Redis password and TLS tests");
        var server = new SecuredRedisServer(password, tls);
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, server.Port);
                return server;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50);
            }
        }

        server.Dispose();
        throw new InvalidOperationException($"redis-server did not listen on 127.0.0.1:{server.Port} within 10 s");
    }

    private string WriteCertificates()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using RSA caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=KalshiArb test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using X509Certificate2 ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using RSA serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using X509Certificate2 serverCert = serverRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(8));

        string caPath = Path.Combine(_directory, "ca.crt");
        File.WriteAllText(caPath, ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_directory, "server.crt"), serverCert.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_directory, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());
        return caPath;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
