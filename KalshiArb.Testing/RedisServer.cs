using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace KalshiArb.Testing;

/// <summary>
/// Debian's <c>redis-server</c> on a free loopback port with a temporary directory and no persistence, never a user's
/// Redis; optionally with <c>--requirepass</c> and TLS only (<see cref="CaPath"/> is the PEM of the CA to trust).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string HowToEnable = "needs Redis: install Debian's redis-server (apt-get install redis-server) or set REDIS_URL=host:port.";

    private static readonly string[] Binaries = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly string _binary;
    private readonly string _directory = Directory.CreateTempSubdirectory("kalshiarb-redis-").FullName;
    private readonly List<string> _arguments;
    private Process? _process;

    private RedisServer(string binary, string? password, bool tls)
    {
        _binary = binary;
        Port = FreePort.Next();
        string port = Port.ToString(CultureInfo.InvariantCulture);
        _arguments = ["--bind", "127.0.0.1", "--dir", _directory, "--save", "", "--appendonly", "no"];
        if (password is not null)
        {
            _arguments.AddRange(["--requirepass", password]);
        }

        if (tls)
        {
            CaPath = LoopbackCertificates.Write(_directory, out string certificate, out string key);
            _arguments.AddRange(["--port", "0", "--tls-port", port, "--tls-cert-file", certificate, "--tls-key-file", key, "--tls-ca-cert-file", CaPath, "--tls-auth-clients", "no"]);
        }
        else
        {
            _arguments.AddRange(["--port", port]);
        }
    }

    public int Port { get; }

    /// <summary>host:port, without the password.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>The CA certificate (PEM) behind the TLS certificate; empty without TLS.</summary>
    public string CaPath { get; } = "";

    /// <summary>REDIS_URL as a StackExchange.Redis connection string; null when unset. Whoever uses it must touch only its own keys.</summary>
    public static string? ConfiguredConnectionString() =>
        Environment.GetEnvironmentVariable("REDIS_URL") is { } url && !string.IsNullOrWhiteSpace(url)
            ? url.Replace("redis://", "", StringComparison.Ordinal).TrimEnd('/')
            : null;

    /// <summary>A started server; null when no redis-server is installed.</summary>
    public static async Task<RedisServer?> TryStartAsync(string? password = null, bool tls = false, CancellationToken ct = default)
    {
        string? binary = Binaries.FirstOrDefault(File.Exists);
        if (binary is null)
        {
            return null;
        }

        var server = new RedisServer(binary, password, tls);
        try
        {
            await server.StartAsync(ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the server (an outage); <see cref="StartAsync"/> brings a fresh, empty one back on the same port.</summary>
    public void Stop()
    {
        ServerProcess.Kill(_process);
        _process = null;
    }

    public async Task StartAsync(CancellationToken ct = default)
    {
        _process = ServerProcess.Start(_binary, _arguments);
        if (!await Poll.WithinAsync(() => ListensAsync(ct), StartTimeout, ct))
        {
            throw new InvalidOperationException($"redis-server did not listen on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds} s");
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task<bool> ListensAsync(CancellationToken ct)
    {
        try
        {
            using var probe = new TcpClient();
            await probe.ConnectAsync(IPAddress.Loopback, Port, ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
