using System.Diagnostics;
using System.Globalization;
using KalshiArb.Ingestion.Storage.QuestDb;
using Npgsql;

[assembly: AssemblyFixture(typeof(KalshiArb.Tests.Infrastructure.QuestDbFixture))]

namespace KalshiArb.Tests.Infrastructure;

/// <summary>
/// A real QuestDB for the integration tests (trait Category=QuestDb). With <c>QUESTDB_JAR</c> set, starts
/// <c>java -p &lt;jar&gt; -m io.questdb/io.questdb.ServerMain -d &lt;temp root&gt;</c> with HTTP, HTTP-min, PGWire and ILP/TCP
/// bound to 127.0.0.1 on free ports (UDP and telemetry off) and stops it afterwards. With <c>QUESTDB_HTTP_URL</c> and
/// <c>QUESTDB_PG</c> set, uses that running server and touches only tables under <see cref="TablePrefix"/>, which it
/// drops at the end. Otherwise the tests are skipped, saying how to enable them.
/// </summary>
public sealed class QuestDbFixture : IAsyncLifetime
{
    public const string HowToEnable =
        "QuestDB integration tests need a server: set QUESTDB_JAR=/path/to/questdb.jar (started on free loopback ports) " +
        "or QUESTDB_HTTP_URL=http://host:9000 and QUESTDB_PG='Host=..;Port=8812;...'";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private Process? _server;
    private string? _root;
    private string? _jar;
    private int _nextPrefix;

    public bool Available { get; private set; }

    public string SkipReason { get; private set; } = HowToEnable;

    public bool StartedHere => _jar is not null;

    public string HttpUrl { get; private set; } = "";

    public string PgConnectionString { get; private set; } = "";

    /// <summary>This run's table prefix; every table the tests create starts with it.</summary>
    public string TablePrefix { get; } = $"kat{Environment.ProcessId}_";

    public void SkipIfUnavailable() => Assert.SkipUnless(Available, SkipReason);

    /// <summary>A fresh prefix under <see cref="TablePrefix"/> so each test owns its tables.</summary>
    public string NewTablePrefix() => $"{TablePrefix}{Interlocked.Increment(ref _nextPrefix)}_";

    /// <summary>Options for a store on this server with its own tables and spool directory.</summary>
    public QuestDbOptions Options(string tablePrefix, string spoolDirectory) => new()
    {
        Mode = Ingestion.Storage.ServiceMode.On,
        HttpUrl = HttpUrl,
        PgConnectionString = PgConnectionString,
        TablePrefix = tablePrefix,
        SpoolDirectory = spoolDirectory,
        AutoFlushInterval = TimeSpan.FromMilliseconds(50),
    };

    public async ValueTask InitializeAsync()
    {
        string? jar = Environment.GetEnvironmentVariable("QUESTDB_JAR");
        string? http = Environment.GetEnvironmentVariable("QUESTDB_HTTP_URL");
        string? pg = Environment.GetEnvironmentVariable("QUESTDB_PG");
        if (!string.IsNullOrWhiteSpace(jar))
        {
            if (!File.Exists(jar))
            {
                SkipReason = $"QUESTDB_JAR={jar} does not exist. {HowToEnable}";
                return;
            }

            _jar = jar;
            _root = Directory.CreateTempSubdirectory("kalshiarb-questdb-").FullName;
            int httpPort = FreePort.Next();
            HttpUrl = $"http://127.0.0.1:{httpPort}";
            int pgPort = FreePort.Next();
            PgConnectionString = $"Host=127.0.0.1;Port={pgPort};Username=admin;Password=quest;Database=qdb;ServerCompatibilityMode=NoTypeLoading;Timeout=5";
            // The server's ILP/TCP listener still binds a port; a free one keeps parallel servers apart.
            WriteServerConf(httpPort, FreePort.Next(), pgPort, FreePort.Next());
            await StartServerAsync();
        }
        else if (!string.IsNullOrWhiteSpace(http) && !string.IsNullOrWhiteSpace(pg))
        {
            HttpUrl = http.TrimEnd('/');
            PgConnectionString = pg;
        }
        else
        {
            return;
        }

        string? problem = await WaitUntilReadyAsync();
        Available = problem is null;
        if (problem is not null)
        {
            SkipReason = $"QuestDB at {HttpUrl} did not become ready: {problem}";
        }
    }

    /// <summary>Stops the server started here (fault tests); <see cref="RestartAsync"/> brings it back on the same ports and data.</summary>
    /// <summary>Drops every table a test created under <paramref name="sql"/>'s prefix, so runs leave the shared server clean.</summary>
    public async Task DropTablesAsync(QuestDbSql sql)
    {
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(PgConnectionString);
        foreach ((string table, _, _) in QuestDbSql.Tables)
        {
            await using NpgsqlCommand drop = dataSource.CreateCommand(sql.ForTable(QuestDbSql.DropTable, table));
            await drop.ExecuteNonQueryAsync();
        }
    }

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
        if (!StartedHere)
        {
            throw new InvalidOperationException("Only a server started by the fixture can be restarted.");
        }

        StopServer();
        _server?.Dispose();
        await StartServerAsync();
        string? problem = await WaitUntilReadyAsync();
        if (problem is not null)
        {
            throw new InvalidOperationException($"QuestDB did not come back: {problem}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Available && !StartedHere)
        {
            // Someone else's server: drop this run's tables only.
            await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(PgConnectionString);
            await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync();
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand("SELECT table_name FROM tables()", connection))
            await using (NpgsqlDataReader reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    string name = reader.GetString(0);
                    if (name.StartsWith(TablePrefix, StringComparison.Ordinal) && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
                    {
                        tables.Add(name);
                    }
                }
            }

            foreach (string table in tables)
            {
                // Only names made of [a-z0-9_] under this run's prefix reach here.
                await using var drop = new NpgsqlCommand($"DROP TABLE IF EXISTS \"{table}\"", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }

        StopServer();
        _server?.Dispose();
        if (_root is not null && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private void WriteServerConf(int httpPort, int httpMinPort, int pgPort, int tcpPort)
    {
        string conf = Path.Combine(_root!, "conf");
        Directory.CreateDirectory(conf);
        File.WriteAllLines(Path.Combine(conf, "server.conf"),
        [
            $"http.net.bind.to=127.0.0.1:{httpPort}",
            $"http.min.net.bind.to=127.0.0.1:{httpMinPort}",
            $"pg.net.bind.to=127.0.0.1:{pgPort}",
            $"line.tcp.net.bind.to=127.0.0.1:{tcpPort}",
            "line.udp.enabled=false",
            "telemetry.enabled=false",
        ]);
    }

    private Task StartServerAsync()
    {
        string java = File.Exists("/usr/bin/java") ? "/usr/bin/java" : "java";
        var start = new ProcessStartInfo(java)
        {
            ArgumentList = { "-p", _jar!, "-m", "io.questdb/io.questdb.ServerMain", "-d", _root! },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _server = Process.Start(start) ?? throw new InvalidOperationException($"could not start {java}");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        return Task.CompletedTask;
    }

    /// <summary>Null when both HTTP and PGWire answer; otherwise the last problem seen.</summary>
    private async Task<string?> WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        string problem = "not tried";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (DateTime.UtcNow < deadline)
        {
            if (_server is { HasExited: true })
            {
                return $"the QuestDB process exited with code {_server.ExitCode.ToString(CultureInfo.InvariantCulture)}";
            }

            try
            {
                using HttpResponseMessage response = await http.GetAsync(new Uri(HttpUrl + "/settings"));
                if (response.IsSuccessStatusCode)
                {
                    await using var connection = new NpgsqlConnection(PgConnectionString);
                    await connection.OpenAsync();
                    await using var ping = new NpgsqlCommand(QuestDbSql.Ping, connection);
                    await ping.ExecuteScalarAsync();
                    return null;
                }

                problem = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or NpgsqlException or IOException)
            {
                problem = ex.Message;
            }

            await Task.Delay(250);
        }

        return problem;
    }
}
