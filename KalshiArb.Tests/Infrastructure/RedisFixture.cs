using System.Diagnostics;
using StackExchange.Redis;

[assembly: AssemblyFixture(typeof(KalshiArb.Tests.Infrastructure.RedisFixture))]

namespace KalshiArb.Tests.Infrastructure;

/// <summary>
/// A real Redis for the tests: <c>REDIS_URL</c> when set (then only keys under <see cref="KeyPrefix"/> are
/// touched and removed), otherwise Debian's <c>redis-server</c> started on a free loopback port with a
/// temporary directory, never a user's Redis. Without either, tests call <see cref="SkipIfUnavailable"/>.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private Process? _server;
    private string? _dataDir;

    public string ConnectionString { get; private set; } = "";

    /// <summary>Per-run key prefix, so a shared Redis given through REDIS_URL is left as found.</summary>
    public string KeyPrefix { get; } = $"kat{Environment.ProcessId}:";

    public bool Available { get; private set; }

    public string SkipReason { get; private set; } = "";

    public bool StartedHere => _server is not null;

    public int Port { get; private set; }

    public ConnectionMultiplexer? Connection { get; private set; }

    public void SkipIfUnavailable() => Assert.SkipUnless(Available, SkipReason);

    public async ValueTask InitializeAsync()
    {
        string? url = Environment.GetEnvironmentVariable("REDIS_URL");
        if (!string.IsNullOrWhiteSpace(url))
        {
            ConnectionString = url.Replace("redis://", "", StringComparison.Ordinal).TrimEnd('/');
        }
        else
        {
            string? binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);
            if (binary is null)
            {
                SkipReason = "Redis tests need a Redis: install Debian's redis-server (apt-get install redis-server) or set REDIS_URL=host:port.";
                return;
            }

            await StartServerAsync(binary);
        }

        try
        {
            Connection = await ConnectionMultiplexer.ConnectAsync($"{ConnectionString},abortConnect=false,connectTimeout=2000");
            await Connection.GetDatabase().PingAsync();
            Available = true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            SkipReason = $"Redis at {ConnectionString} did not answer: {ex.Message}";
        }
    }

    /// <summary>Stops the fixture's own server (fault tests); the next <see cref="RestartAsync"/> brings it back on the same port.</summary>
    public void StopServer()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit();
        }
    }

    public async Task RestartAsync()
    {
        StopServer();
        string binary = _server?.StartInfo.FileName ?? "/usr/bin/redis-server";
        await StartServerAsync(binary, Port);
    }

    private async Task StartServerAsync(string binary, int port = 0)
    {
        Port = port == 0 ? FreePort.Next() : port;
        _dataDir ??= Directory.CreateTempSubdirectory("kalshiarb-redis-").FullName;
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList = { "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _dataDir, "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _server = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        _server.OutputDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        ConnectionString = $"127.0.0.1:{Port}";
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not listen on 127.0.0.1:{Port} within 10 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (Connection is not null)
        {
            if (!StartedHere && Available)
            {
                // A Redis we did not start: remove only this run's keys.
                foreach (var endpoint in Connection.GetEndPoints())
                {
                    var server = Connection.GetServer(endpoint);
                    await foreach (var key in server.KeysAsync(pattern: KeyPrefix + "*"))
                    {
                        await Connection.GetDatabase().KeyDeleteAsync(key);
                    }
                }
            }

            await Connection.DisposeAsync();
        }

        StopServer();
        _server?.Dispose();
        if (_dataDir is not null && Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
