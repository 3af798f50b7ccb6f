using System.Diagnostics;
using System.Net.Sockets;
using KalshiArb.Tests.Infrastructure;

namespace KalshiArb.Tests.Fault;

/// <summary>
/// A QuestDB this test owns, from the jar named by QUESTDB_JAR: free loopback ports, its own temporary root, and
/// <see cref="Stop"/> / <see cref="StartAsync"/> to take it away and bring it back with its data, as an outage would.
/// </summary>
internal sealed class QuestDbProcess : IAsyncDisposable
{
    public const string SkipReason = "QuestDB fault tests need a QuestDB jar: set QUESTDB_JAR=/path/to/questdb.jar (Java 17+ on PATH).";

    private readonly string _jar;
    private readonly string _root = Directory.CreateTempSubdirectory("kalshiarb-fault-questdb-").FullName;
    private readonly int _httpPort = FreePort.Next();
    private readonly int _pgPort = FreePort.Next();
    private readonly int _ilpPort = FreePort.Next();
    private Process? _process;

    private QuestDbProcess(string jar, IReadOnlyDictionary<string, string>? settings)
    {
        _jar = jar;
        foreach ((string key, string value) in settings ?? new Dictionary<string, string>())
        {
            Settings[key] = value;
        }
    }

    public string HttpUrl => $"http://127.0.0.1:{_httpPort}";

    /// <summary>Extra server settings as QDB_* environment variables (credentials, say), applied on every start.</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);

    public string PgConnectionString =>
        $"Host=127.0.0.1;Port={_pgPort};Username={Settings.GetValueOrDefault("QDB_PG_USER", "admin")};Password={Settings.GetValueOrDefault("QDB_PG_PASSWORD", "quest")};Database=qdb;ServerCompatibilityMode=NoTypeLoading";

    /// <summary>Null when QUESTDB_JAR names no file. <paramref name="settings"/>: further server settings as QDB_* environment variables (e.g. QDB_HTTP_USER).</summary>
    public static QuestDbProcess? FromEnvironment(IReadOnlyDictionary<string, string>? settings = null) =>
        Environment.GetEnvironmentVariable("QUESTDB_JAR") is { Length: > 0 } jar && File.Exists(jar) ? new QuestDbProcess(jar, settings) : null;

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("java")
        {
            ArgumentList = { "-p", _jar, "-m", "io.questdb/io.questdb.ServerMain", "-d", _root },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["QDB_HTTP_BIND_TO"] = $"127.0.0.1:{_httpPort}";
        start.Environment["QDB_PG_NET_BIND_TO"] = $"127.0.0.1:{_pgPort}";
        start.Environment["QDB_LINE_TCP_NET_BIND_TO"] = $"127.0.0.1:{_ilpPort}";
        start.Environment["QDB_HTTP_MIN_ENABLED"] = "false";
        start.Environment["QDB_LINE_UDP_ENABLED"] = "false";
        start.Environment["QDB_TELEMETRY_ENABLED"] = "false";
        foreach ((string key, string value) in Settings)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start java");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        DateTime deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            if (await ListensAsync(_httpPort) && await ListensAsync(_pgPort))
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException(_process.HasExited
            ? $"QuestDB from {_jar} exited with code {_process.ExitCode} before listening (run the same java command by hand to see why)"
            : $"QuestDB from {_jar} did not listen on {HttpUrl} within 90 s");
    }

    /// <summary>Kills the server, as a crash or an operator would; its data directory stays for the next start.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    private static async Task<bool> ListensAsync(int port)
    {
        try
        {
            using var probe = new TcpClient();
            await probe.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Files still held by the exiting JVM; the temporary directory is left for the OS to clean.
        }

        return ValueTask.CompletedTask;
    }
}
