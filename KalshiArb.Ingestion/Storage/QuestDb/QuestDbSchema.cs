using Npgsql;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>Creates every table at start-up, idempotently (CREATE TABLE IF NOT EXISTS), and sets the TTL of disposable history.</summary>
internal static class QuestDbSchema
{
    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, QuestDbSql sql, int ttlDays, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentOutOfRangeException.ThrowIfLessThan(ttlDays, 1);
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(ct);
        foreach ((string table, string ddl, bool ttl) in QuestDbSql.Tables)
        {
            await ExecuteAsync(connection, sql.Render(ddl), ct);
            if (ttl)
            {
                // Applied on every start so a changed QuestDb:TtlDays takes effect on existing tables.
                await ExecuteAsync(connection, sql.ForTable(QuestDbSql.SetTtl, table, ttlDays), ct);
            }
        }
    }

    public static async Task EnsureCreatedAsync(QuestDbOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(options.PgConnectionString);
        await EnsureCreatedAsync(dataSource, new QuestDbSql(options.TablePrefix), options.TtlDays, ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string statement, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(statement, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
