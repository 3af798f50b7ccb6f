using System.Diagnostics;
using System.Globalization;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.QuestDb;
using Npgsql;

namespace KalshiArb.Testing;

/// <summary>
/// The QuestDB tests and benchmarks use. With <c>QUESTDB_JAR</c>, one started here:
/// <c>java -p &lt;jar&gt; -m io.questdb/io.questdb.ServerMain -d &lt;temporary root&gt;</c> with HTTP, PGWire and ILP/TCP on
/// free loopback ports (HTTP-min, UDP and telemetry off), stopped and removed on dispose. With <c>QUESTDB_HTTP_URL</c> and
/// <c>QUESTDB_PG</c>, that running server, which is never stopped.
/// </summary>
public sealed class QuestDbServer : IAsyncDisposable
{
    public const string HowToEnable =
        "needs QuestDB: set QUESTDB_JAR=/path/to/questdb.jar (started on free loopback ports; Java 17+) " +
        "or QUESTDB_HTTP_URL=http://host:9000 and QUESTDB_PG='Host=..;Port=8812;...'";

    public const string JarNeeded = "this test starts and stops its own QuestDB: set QUESTDB_JAR=/path/to/questdb.jar (Java 17+ on PATH)";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string? _jar;
    private readonly Dictionary<string, string> _settings = new(StringComparer.Ordinal);
    private string? _root;
    private Process? _process;

    private QuestDbServer(string jar, IReadOnlyDictionary<string, string>? settings)
    {
        _jar = jar;
        int http = FreePort.Next(), pg = FreePort.Next();
        _settings["QDB_HTTP_BIND_TO"] = $"127.0.0.1:{http}";
        _settings["QDB_PG_NET_BIND_TO"] = $"127.0.0.1:{pg}";
        // The ILP/TCP listener binds a port even unused; a free one keeps parallel servers apart.
        _settings["QDB_LINE_TCP_NET_BIND_TO"] = $"127.0.0.1:{FreePort.Next()}";
        _settings["QDB_HTTP_MIN_ENABLED"] = "false";
        _settings["QDB_LINE_UDP_ENABLED"] = "false";
        _settings["QDB_TELEMETRY_ENABLED"] = "false";
        foreach ((string key, string value) in settings ?? new Dictionary<string, string>())
        {
            _settings[key] = value;
        }

        HttpUrl = $"http://127.0.0.1:{http}";
        PgConnectionString =
            $"Host=127.0.0.1;Port={pg};Username={_settings.GetValueOrDefault("QDB_PG_USER", "admin")};" +
            $"Password={_settings.GetValueOrDefault("QDB_PG_PASSWORD", "quest")};Database=qdb;ServerCompatibilityMode=NoTypeLoading;Timeout=5";
        Description = $"QuestDB started from {Path.GetFileName(jar)} on this machine";
    }

    private QuestDbServer(string httpUrl, string pg)
    {
        HttpUrl = httpUrl.TrimEnd('/');
        PgConnectionString = pg;
        Description = $"QuestDB at {HttpUrl}";
    }

    public string HttpUrl { get; }

    public string PgConnectionString { get; }

    public string Description { get; }

    /// <summary>True for a server started from the jar, which <see cref="Stop"/> may take away.</summary>
    public bool StartedHere => _jar is not null;

    /// <summary>Why there is no server to use, and how to give one.</summary>
    public static string UnavailableReason =>
        Environment.GetEnvironmentVariable("QUESTDB_JAR") is { Length: > 0 } jar && !File.Exists(jar)
            ? $"QUESTDB_JAR={jar} does not exist. {HowToEnable}"
            : HowToEnable;

    /// <summary>A server to start from QUESTDB_JAR; null without one. <paramref name="settings"/>: further QDB_* server settings (e.g. QDB_HTTP_USER), applied on every start.</summary>
    public static QuestDbServer? FromJar(IReadOnlyDictionary<string, string>? settings = null) =>
        Environment.GetEnvironmentVariable("QUESTDB_JAR") is { Length: > 0 } jar && File.Exists(jar) ? new QuestDbServer(jar, settings) : null;

    /// <summary>QUESTDB_JAR, else the running server QUESTDB_HTTP_URL + QUESTDB_PG name; null without either.</summary>
    public static QuestDbServer? FromEnvironment() =>
        FromJar() ?? (Environment.GetEnvironmentVariable("QUESTDB_HTTP_URL") is { Length: > 0 } url
                      && Environment.GetEnvironmentVariable("QUESTDB_PG") is { Length: > 0 } pg
            ? new QuestDbServer(url, pg)
            : null);

    /// <summary>Options for a store writing under its own table prefix and spool directory.</summary>
    public QuestDbOptions Options(string tablePrefix, string spoolDirectory) => new()
    {
        Mode = ServiceMode.On,
        HttpUrl = HttpUrl,
        PgConnectionString = PgConnectionString,
        TablePrefix = tablePrefix,
        SpoolDirectory = spoolDirectory,
    };

    /// <summary>Starts the server (again, on the same ports and data, after <see cref="Stop"/>) and waits until HTTP and PGWire answer.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        if (_jar is not null)
        {
            Launch(_jar);
        }

        string? problem = "not tried";
        bool ready = await Poll.WithinAsync(async () => (problem = await ProblemAsync(ct)) is null || _process is { HasExited: true }, StartTimeout, ct);
        if (_process is { HasExited: true })
        {
            throw new InvalidOperationException(
                $"QuestDB from {_jar} exited with code {_process.ExitCode.ToString(CultureInfo.InvariantCulture)} (run the same java command by hand to see why)");
        }

        if (!ready)
        {
            throw new InvalidOperationException($"QuestDB at {HttpUrl} did not become ready within {StartTimeout.TotalSeconds} s: {problem}");
        }
    }

    /// <summary>Kills a server started here, as a crash or an operator would; its data stays for the next start.</summary>
    public void Stop()
    {
        ServerProcess.Kill(_process);
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        try
        {
            if (_root is not null)
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        catch (IOException)
        {
            // Files still held by the exiting JVM; the temporary directory is left for the OS to clean.
        }

        return ValueTask.CompletedTask;
    }

    private void Launch(string jar)
    {
        _root ??= Directory.CreateTempSubdirectory("kalshiarb-questdb-").FullName;
        string java = File.Exists("/usr/bin/java") ? "/usr/bin/java" : "java";
        _process = ServerProcess.Start(java, ["-p", jar, "-m", "io.questdb/io.questdb.ServerMain", "-d", _root], _settings);
    }

    /// <summary>Null when HTTP answers and PGWire runs a query; otherwise what failed.</summary>
    private async Task<string?> ProblemAsync(CancellationToken ct)
    {
        try
        {
            // Any HTTP answer will do: with QDB_HTTP_USER set the server answers 401 yet is up.
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            using HttpResponseMessage response = await http.GetAsync(new Uri(HttpUrl + "/settings"), ct);
            await using var connection = new NpgsqlConnection(PgConnectionString);
            await connection.OpenAsync(ct);
            await using var ping = new NpgsqlCommand(QuestDbSql.Ping, connection);
            await ping.ExecuteScalarAsync(ct);
            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or NpgsqlException or IOException)
        {
            return ex.Message;
        }
    }
}
