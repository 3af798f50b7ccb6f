using System.Diagnostics;
using System.Net.Sockets;

namespace KalshiArb.Bench;

/// <summary>
/// A QuestDB started from the jar named by QUESTDB_JAR on free loopback ports with its own temporary root,
/// so a benchmark never touches a user's database. Ports and switches are set through QDB_* environment overrides.
/// </summary>
internal sealed class QuestDbServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _root;

    private QuestDbServerProcess(Process process, string root, int httpPort, int pgPort)
    {
        _process = process;
        _root = root;
        HttpUrl = $"http://127.0.0.1:{httpPort}";
        PgConnectionString = $"Host=127.0.0.1;Port={pgPort};Username=admin;Password=quest;Database=qdb;ServerCompatibilityMode=NoTypeLoading";
    }

    public string HttpUrl { get; }

    public string PgConnectionString { get; }

    public static async Task<QuestDbServerProcess> StartAsync(string jar, CancellationToken ct)
    {
        string root = Directory.CreateTempSubdirectory("kalshiarb-bench-questdb-").FullName;
        int http = FreePort(), pg = FreePort(), ilp = FreePort();
        var start = new ProcessStartInfo("java")
        {
            ArgumentList = { "-p", jar, "-m", "io.questdb/io.questdb.ServerMain", "-d", root },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["QDB_HTTP_BIND_TO"] = $"127.0.0.1:{http}";
        start.Environment["QDB_PG_NET_BIND_TO"] = $"127.0.0.1:{pg}";
        start.Environment["QDB_LINE_TCP_NET_BIND_TO"] = $"127.0.0.1:{ilp}";
        start.Environment["QDB_HTTP_MIN_ENABLED"] = "false";
        start.Environment["QDB_LINE_UDP_ENABLED"] = "false";
        start.Environment["QDB_TELEMETRY_ENABLED"] = "false";
        Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start java");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new QuestDbServerProcess(process, root, http, pg);
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await ListensAsync(http, ct) && await ListensAsync(pg, ct))
            {
                return server;
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(200, ct);
        }

        server.Dispose();
        throw new InvalidOperationException($"QuestDB from {jar} did not listen within 60 s");
    }

    private static async Task<bool> ListensAsync(int port, CancellationToken ct)
    {
        try
        {
            using var probe = new TcpClient();
            await probe.ConnectAsync("127.0.0.1", port, ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the exiting JVM: the temp directory is cleaned by the OS later.
        }
    }
}
