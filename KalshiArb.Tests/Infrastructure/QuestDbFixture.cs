using KalshiArb.Ingestion.Storage.QuestDb;
using Npgsql;

[assembly: AssemblyFixture(typeof(KalshiArb.Tests.Infrastructure.QuestDbFixture))]

namespace KalshiArb.Tests.Infrastructure;

/// <summary>
/// The run's shared <see cref="QuestDbServer"/> for the integration tests (trait Category=QuestDb). On a server the
/// run did not start it touches only tables under <see cref="TablePrefix"/>, which it drops at the end. Without a
/// server the tests are skipped, saying how to enable them.
/// </summary>
public sealed class QuestDbFixture : IAsyncLifetime
{
    private QuestDbServer? _server;
    private int _nextPrefix;

    public bool Available { get; private set; }

    public string SkipReason { get; private set; } = QuestDbServer.UnavailableReason;

    public bool StartedHere => _server?.StartedHere ?? false;

    public string HttpUrl => _server?.HttpUrl ?? "";

    public string PgConnectionString => _server?.PgConnectionString ?? "";

    /// <summary>This run's table prefix; every table the tests create starts with it.</summary>
    public string TablePrefix { get; } = $"kat{Environment.ProcessId}_";

    public void SkipIfUnavailable() => Assert.SkipUnless(Available, SkipReason);

    /// <summary>A fresh prefix under <see cref="TablePrefix"/> so each test owns its tables.</summary>
    public string NewTablePrefix() => $"{TablePrefix}{Interlocked.Increment(ref _nextPrefix)}_";

    /// <summary>Options for a store on this server with its own tables and spool directory, flushing quickly.</summary>
    public QuestDbOptions Options(string tablePrefix, string spoolDirectory)
    {
        QuestDbOptions options = _server!.Options(tablePrefix, spoolDirectory);
        options.AutoFlushInterval = TimeSpan.FromMilliseconds(50);
        return options;
    }

    public async ValueTask InitializeAsync()
    {
        _server = QuestDbServer.FromEnvironment();
        if (_server is null)
        {
            return;
        }

        try
        {
            await _server.StartAsync();
            Available = true;
        }
        catch (InvalidOperationException ex)
        {
            SkipReason = ex.Message;
        }
    }

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

    /// <summary>Stops the server started here (fault tests); <see cref="RestartAsync"/> brings it back on the same ports and data.</summary>
    public void StopServer() => _server?.Stop();

    public async Task RestartAsync()
    {
        if (!StartedHere)
        {
            throw new InvalidOperationException("Only a server started by the fixture can be restarted.");
        }

        _server!.Stop();
        await _server.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Available && !StartedHere)
        {
            await DropRunTablesAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Someone else's server: drops this run's tables only.</summary>
    private async Task DropRunTablesAsync()
    {
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
}
