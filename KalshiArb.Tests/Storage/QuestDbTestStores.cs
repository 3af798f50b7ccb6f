using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Infrastructure;
using Npgsql;

namespace KalshiArb.Tests.Storage;

/// <summary>
/// A test class's stores on the shared QuestDB, each under its own table prefix and this scope's spool directory;
/// their tables and the spool directory are removed on dispose.
/// </summary>
internal sealed class QuestDbTestStores(QuestDbFixture questDb) : IAsyncDisposable
{
    private readonly string _spoolDir = Directory.CreateTempSubdirectory("kalshiarb-qdb-spool-").FullName;
    private readonly List<QuestDbSql> _created = [];

    /// <summary>The statements of the tables most recently given out.</summary>
    public QuestDbSql LastSql => _created[^1];

    /// <summary>Options for fresh tables; skips the test when there is no QuestDB.</summary>
    public QuestDbOptions NewOptions()
    {
        questDb.SkipIfUnavailable();
        QuestDbOptions options = questDb.Options(questDb.NewTablePrefix(), _spoolDir);
        _created.Add(new QuestDbSql(options.TablePrefix));
        return options;
    }

    public Task<QuestDbHistoryStore> NewStoreAsync(CancellationToken ct) => QuestDbHistoryStore.CreateAsync(NewOptions(), TimeProvider.System, null, ct);

    public async Task<long> CountAsync(string table, QuestDbSql sql, CancellationToken ct)
    {
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(questDb.PgConnectionString);
        await using NpgsqlCommand count = dataSource.CreateCommand(sql.ForTable(QuestDbSql.CountRows, table));
        return Convert.ToInt64(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (questDb.Available)
        {
            foreach (QuestDbSql sql in _created)
            {
                await questDb.DropTablesAsync(sql);
            }
        }

        Directory.Delete(_spoolDir, recursive: true);
    }
}
