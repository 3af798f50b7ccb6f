using System.Diagnostics.CodeAnalysis;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>Running a read: one retry on a connection that died under us, and row-by-row conversion that skips and counts what cannot be read.</summary>
internal sealed partial class QuestDbHistoryStore
{
    /// <summary>Converts every row it can; a row it cannot is skipped, counted in <see cref="Unreadable"/> and logged, never thrown.</summary>
    private List<T> Readable<TRow, T>(IEnumerable<TRow> rows, string read, Func<TRow, T> convert)
    {
        var result = new List<T>();
        int skipped = 0;
        string? reason = null;
        foreach (TRow row in rows)
        {
            if (TryRead(row, convert, read, out T? value, out string? problem))
            {
                result.Add(value);
            }
            else
            {
                skipped++;
                reason = problem;
            }
        }

        Unreadable.Record(read, skipped, reason);
        return result;
    }

    private bool TryRead<TRow, T>(TRow row, Func<TRow, T> convert, string read, [MaybeNullWhen(false)] out T value, out string? problem)
    {
        try
        {
            value = convert(row);
            problem = null;
            return true;
        }
        catch (Exception ex) when (ex is OverflowException or FormatException or ArgumentException or InvalidCastException or InvalidOperationException)
        {
            // Past decimal's range (a double beyond 7.9e28), an unknown stored code, a missing value.
            value = default;
            problem = $"{read}: {ex.Message}";
            LogUnreadable(_logger, read, ex.Message);
            return false;
        }
    }

    /// <summary>
    /// Runs a read. A pooled connection opened before QuestDB restarted is dead, and Npgsql only finds out on first
    /// use: on such a broken connection the pool is cleared and the read tried once more on a fresh one.
    /// </summary>
    private async Task<IEnumerable<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken ct)
    {
        try
        {
            return await QueryOnceAsync<T>(sql, parameters, ct);
        }
        catch (NpgsqlException ex) when (IsBrokenConnection(ex) && !ct.IsCancellationRequested)
        {
            LogStaleConnection(_logger, ex.Message);
            _dataSource.Clear();
            return await QueryOnceAsync<T>(sql, parameters, ct);
        }
    }

    private async Task<IEnumerable<T>> QueryOnceAsync<T>(string sql, object? parameters, CancellationToken ct)
    {
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(ct);
        return await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct));
    }

    /// <summary>The connection died under us (I/O, socket, or the server closing it), as opposed to an error in the statement.</summary>
    private static bool IsBrokenConnection(NpgsqlException ex) =>
        ex is not PostgresException && (ex.InnerException is IOException or System.Net.Sockets.SocketException || ex.IsTransient);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A stored row of {Read} could not be read and is skipped: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string read, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "QuestDB closed a pooled PGWire connection ({Reason}); the pool is cleared and the read retried once")]
    private static partial void LogStaleConnection(ILogger logger, string reason);
}
