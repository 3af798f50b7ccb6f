using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using KalshiArb.Ingestion.Model;
using Npgsql;
using static KalshiArb.Ingestion.Storage.QuestDb.QuestDbTime;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>Paged reads for the REST API: paged in SQL and streamed one row at a time, so cancelling stops the read.</summary>
internal sealed partial class QuestDbHistoryStore
{
    /// <summary>Paged in SQL and read one row at a time: rows go out as they arrive, and cancelling (the client left) stops the read.</summary>
    public async IAsyncEnumerable<Opportunity> StreamOpportunitiesAsync(
        DateTime from, DateTime to, string? ticker, int skip, int take, [EnumeratorCancellation] CancellationToken ct)
    {
        string sql = _sql.Paged(ticker is null ? QuestDbSql.OpportunitiesPage : QuestDbSql.OpportunitiesPageForTicker, skip, take);
        object parameters = ticker is null ? new { from = Utc(from), to = Utc(to) } : new { ticker, from = Utc(from), to = Utc(to) };
        await foreach (Opportunity opportunity in ReadableStream(StreamAsync<OpportunityRow>(sql, parameters, ct), UnreadableRows.OpportunitiesPage, static r => r.ToOpportunity()))
        {
            yield return opportunity;
        }
    }

    /// <summary>Paged in SQL and read unbuffered: the request's token cancels the query when the client goes away.</summary>
    public async IAsyncEnumerable<Execution> StreamExecutionsAsync(
        DateTime from, DateTime to, int skip, int take, [EnumeratorCancellation] CancellationToken ct)
    {
        string sql = _sql.Paged(QuestDbSql.ExecutionsPage, skip, take);
        await foreach (Execution execution in ReadableStream(StreamAsync<ExecutionRow>(sql, new { from = Utc(from), to = Utc(to) }, ct), UnreadableRows.ExecutionsPage, static r => r.ToExecution()))
        {
            yield return execution;
        }
    }

    /// <summary>
    /// Rows as the server sends them, one at a time; a cancelled token stops the read at the next row. Npgsql honours
    /// the token only while it waits on the socket, so rows already buffered kept coming: against QuestDB a read
    /// cancelled after 10 rows went on to all 50,000 (through Dapper's unbuffered enumerable too). What is left of the
    /// page is then drained by the reader, at most the page size (<see cref="QuestDbSql.Paged"/>).
    /// </summary>
    private async IAsyncEnumerable<TRow> StreamAsync<TRow>(string sql, object parameters, [EnumeratorCancellation] CancellationToken ct)
    {
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(ct);
        await using DbDataReader reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: ct));
        Func<DbDataReader, TRow> parse = reader.GetRowParser<TRow>();
        while (await reader.ReadAsync(ct))
        {
            ct.ThrowIfCancellationRequested();
            yield return parse(reader);
        }
    }

    /// <summary>Paged in SQL and read unbuffered, as <see cref="StreamExecutionsAsync"/>.</summary>
    public async IAsyncEnumerable<Settlement> StreamSettlementsAsync(
        DateTime from, int skip, int take, [EnumeratorCancellation] CancellationToken ct)
    {
        string sql = _sql.Paged(QuestDbSql.SettlementsPage, skip, take);
        await foreach (Settlement settlement in ReadableStream(StreamAsync<SettlementRow>(sql, new { from = Utc(from) }, ct), UnreadableRows.SettlementsPage, static r => r.ToSettlement()))
        {
            yield return settlement;
        }
    }

    /// <summary>As <see cref="Readable{TRow, T}"/>, for a page read one row at a time.</summary>
    private async IAsyncEnumerable<T> ReadableStream<TRow, T>(IAsyncEnumerable<TRow> rows, string read, Func<TRow, T> convert)
    {
        int skipped = 0;
        string? reason = null;
        await foreach (TRow row in rows)
        {
            if (TryRead(row, convert, read, out T? value, out string? problem))
            {
                yield return value;
            }
            else
            {
                skipped++;
                reason = problem;
            }
        }

        Unreadable.Record(read, skipped, reason);
    }
}
