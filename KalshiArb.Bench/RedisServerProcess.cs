using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace KalshiArb.Bench;

/// <summary>Debian's redis-server on a free loopback port with a temporary directory and no persistence; never a user's Redis.</summary>
internal sealed class RedisServerProcess : IDisposable
{
    private static readonly string[] Binaries = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];
    private readonly Process _process;
    private readonly string _dir;

    private RedisServerProcess(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        ConnectionString = $"127.0.0.1:{port}";
    }

    public string ConnectionString { get; }

    /// <summary>Null when no redis-server binary is installed.</summary>
    public static async Task<RedisServerProcess?> TryStartAsync(CancellationToken ct)
    {
        string? binary = Binaries.FirstOrDefault(File.Exists);
        if (binary is null)
        {
            return null;
        }

        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        string dir = Directory.CreateTempSubdirectory("kalshiarb-bench-redis-").FullName;
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList = { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var server = new RedisServerProcess(process, dir, port);
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, ct);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50, ct);
            }
        }

        server.Dispose();
        return null;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
