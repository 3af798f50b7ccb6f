using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Storage.Ilp;
using Microsoft.Extensions.Logging;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>Health of the store and the wait for QuestDB to apply its WAL.</summary>
internal sealed partial class QuestDbHistoryStore
{
    public ComponentHealth GetHealth()
    {
        IlpWriterMetrics m = _writer.Metrics;
        IlpSpool spool = _writer.Spool;
        double fill = (double)spool.Bytes / spool.MaxBytes;
        var figures = new Dictionary<string, double>
        {
            ["rows_accepted"] = m.RowsAccepted,
            ["rows_written"] = m.RowsWritten,
            ["rows_spooled"] = m.RowsSpooled,
            ["rows_rejected"] = m.RowsRejected,
            ["rows_dropped"] = m.RowsDropped,
            ["rows_invalid"] = m.RowsInvalid,
            ["events_skipped"] = SkippedEvents,
            ["rows_unreadable"] = Unreadable.Total,
            ["bytes_written"] = m.BytesWritten,
            ["flush_ms_last"] = m.LastFlushLatency.TotalMilliseconds,
            ["flush_ms_avg"] = m.AverageFlushLatency.TotalMilliseconds,
            ["pending_rows"] = _writer.PendingRows,
            ["spool_bytes"] = spool.Bytes,
            ["spool_batches"] = spool.BatchCount,
            ["spool_fill_pct"] = fill * 100,
            ["outages"] = m.Outages,
            ["last_outage_s"] = m.LastOutage.TotalSeconds,
        };

        (HealthLevel level, string message) = (m.RowsDropped, m.Connected, fill) switch
        {
            ( > 0, _, _) => (HealthLevel.Down, $"{m.RowsDropped} rows dropped: spool full at {spool.Directory}"),
            _ when m.ConfigurationError is { } misconfigured => (HealthLevel.Down, $"configuration error: {misconfigured}; spooling to disk ({spool.Bytes / 1048576.0:0.#} of {spool.MaxBytes / 1048576.0:0.#} MiB)"),
            (_, false, _) => (HealthLevel.Degraded, $"QuestDB unreachable over {_writer.TransportName}: spooling to disk ({spool.Bytes / 1048576.0:0.#} of {spool.MaxBytes / 1048576.0:0.#} MiB)"),
            (_, _, >= SpoolWarnFraction) => (HealthLevel.Degraded, $"spool {fill:P0} full, replaying"),
            _ when spool.BatchCount > 0 => (HealthLevel.Degraded, $"replaying {spool.BatchCount} spooled batches"),
            _ => (HealthLevel.Healthy, $"writing over {_writer.TransportName}"),
        };
        if (m.LastError is { } error && level != HealthLevel.Healthy && m.ConfigurationError is null)
        {
            message += $"; last error: {error}";
        }
        else if (level == HealthLevel.Healthy && m.LastOutageEndedAt is { } recovered)
        {
            message += $"; recovered {recovered:HH:mm:ss} UTC after a {m.LastOutage.TotalSeconds:0.#} s outage";
        }
        else if (m.RowsRejected > 0)
        {
            message += $"; {m.RowsRejected} rows rejected (see {spool.RejectedPath})";
        }

        if (Unreadable.Total > 0)
        {
            level = level == HealthLevel.Healthy ? HealthLevel.Degraded : level;
            message += $"; {Unreadable.Total} stored rows could not be read (last: {Unreadable.LastReason})";
        }

        return new ComponentHealth("questdb", level, message, figures, _time.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// What the application loads at start (stored mappings, history) must include what the previous run wrote just
    /// before stopping: committed rows become visible only once QuestDB applied its WAL. Waits a bounded time, then
    /// starts anyway with a warning.
    /// </summary>
    private async Task WaitForStartupWalAsync(CancellationToken ct)
    {
        try
        {
            await WaitForWalAppliedAsync(StartupWalWait, ct);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            LogStartupWal(_logger, ex.Message);
        }
    }

    /// <summary>
    /// Waits until QuestDB has applied every committed WAL transaction of our tables, so a read sees every row
    /// acknowledged before the call. Throws <see cref="TimeoutException"/> (naming the tables still behind) when
    /// <paramref name="timeout"/> passes, and <see cref="InvalidOperationException"/> when a table's WAL is suspended.
    /// </summary>
    public async Task WaitForWalAppliedAsync(TimeSpan timeout, CancellationToken ct)
    {
        DateTime deadline = _time.GetUtcNow().UtcDateTime + timeout;
        while (true)
        {
            var behind = new List<string>();
            foreach (WalTableRow table in await QueryAsync<WalTableRow>(QuestDbSql.WalTables, null, ct))
            {
                if (!QuestDbSql.Tables.Any(t => _sql.Prefix + t.Table == table.Name))
                {
                    continue;
                }

                if (table.Suspended)
                {
                    throw new InvalidOperationException($"QuestDB suspended the WAL of {table.Name}: rows are not being applied (see the server log; ALTER TABLE .. RESUME WAL).");
                }

                if (table.WriterTxn < table.SequencerTxn)
                {
                    behind.Add($"{table.Name} ({table.WriterTxn} of {table.SequencerTxn})");
                }
            }

            if (behind.Count == 0)
            {
                return;
            }

            if (_time.GetUtcNow().UtcDateTime > deadline)
            {
                throw new TimeoutException($"QuestDB had not applied the WAL within {timeout.TotalSeconds:0.#} s: {string.Join(", ", behind)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Starting before QuestDB applied its WAL ({Reason}); rows written just before the last stop may appear late")]
    private static partial void LogStartupWal(ILogger logger, string reason);
}
