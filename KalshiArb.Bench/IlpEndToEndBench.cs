using System.Diagnostics;
using KalshiArb.Ingestion.Storage.Ilp;
using KalshiArb.Ingestion.Storage.QuestDb;
using Npgsql;

namespace KalshiArb.Bench;

/// <summary>
/// Figure 2: rows per second from <see cref="IlpWriter.Write{TState}"/> until acknowledged, with the application's
/// default batching (QuestDb:AutoFlushRows / AutoFlushInterval), and the p50/p99 latency of each acknowledged flush
/// (POST to answer): into a real QuestDB when one is given (rows counted once the WAL is applied), and into an
/// in-process loopback HTTP sink. One producer thread; it waits while more than 100,000 rows are buffered,
/// as the pipeline's bounded channel would.
/// </summary>
internal static class IlpEndToEndBench
{
    private const double QuestDbGoal = 300_000;
    private const int MaxBuffered = 100_000;

    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(bool quick, QuestDbServer? questDb, CancellationToken ct)
    {
        int rows = quick ? 1_000_000 : 5_000_000;
        var figures = new List<BenchFigure>();
        if (questDb is null)
        {
            figures.Add(BenchFigure.Skipped("2. ILP end to end into QuestDB", "rows/s", ">= 300,000", QuestDbServer.HowToEnable));
        }
        else
        {
            figures.Add(await IntoQuestDbAsync(questDb, rows, ct));
        }

        await using var sink = new LoopbackIlpSink();
        string spool = Directory.CreateTempSubdirectory("kalshiarb-bench-spool-").FullName;
        try
        {
            IlpWriterOptions options = new QuestDbOptions().ToWriterOptions() with { SpoolDirectory = spool };
            var timed = new TimedIlpTransport(new IlpHttpTransport(sink.BaseUri, TimeSpan.FromSeconds(10)));
            var writer = new IlpWriter(timed, new IlpSpool(spool, 1L << 30), options, TimeProvider.System);
            double seconds;
            await using (writer)
            {
                seconds = await PumpAsync(writer, rows, (w, i, ts) => w.Write((BenchRows.Tables, BenchRows.Tick(i, ts)), QuestDbRows.Tick), ct);
            }

            double rate = rows / seconds;
            figures.Add(new BenchFigure(
                "2. ILP end to end into loopback HTTP sink", Format.N0(rate), "rows/s", "(reference)", GoalVerdict.Informational,
                Format.Inv($"{rows:N0} rows in {sink.Requests:N0} POSTs ({rows / Math.Max(1, sink.Requests):N0} rows each on average: a flush starts at {options.AutoFlushRows} rows and takes every row buffered by then); sink received {sink.Rows:N0}; {timed.Describe()}")));
        }
        finally
        {
            Directory.Delete(spool, recursive: true);
        }

        return figures;
    }

    private static async Task<BenchFigure> IntoQuestDbAsync(QuestDbServer target, int rows, CancellationToken ct)
    {
        string prefix = $"bench{Environment.ProcessId}_";
        string spool = Directory.CreateTempSubdirectory("kalshiarb-bench-spool-").FullName;
        try
        {
            QuestDbOptions options = target.Options(prefix, spool);
            var sql = new QuestDbSql(prefix);
            var timed = new TimedIlpTransport(options.CreateTransport());
            NpgsqlDataSource dataSource = NpgsqlDataSource.Create(options.PgConnectionString);
            await QuestDbSchema.EnsureCreatedAsync(dataSource, sql, options.TtlDays, ct);
            var writer = new IlpWriter(timed, new IlpSpool(spool, options.SpoolMaxBytes), options.ToWriterOptions(), TimeProvider.System);
            double seconds;
            long visible;
            await using (var store = new QuestDbHistoryStore(writer, dataSource, sql, TimeProvider.System, ownsDataSource: true))
            {
                seconds = await PumpAsync(store.Writer, rows, (_, i, ts) => store.OnMarketEvent(BenchRows.Tick(i, ts)), ct);
                await store.WaitForWalAppliedAsync(TimeSpan.FromSeconds(120), ct);
                visible = await CountAsync(dataSource, sql, ct);
            }

            double rate = rows / seconds;
            return new BenchFigure(
                "2. ILP end to end into QuestDB", Format.N0(rate), "rows/s", ">= 300,000",
                rate >= QuestDbGoal ? GoalVerdict.Met : GoalVerdict.NotMet,
                Format.Inv($"{target.Description}; {visible:N0} of {rows:N0} rows visible after WAL apply; {timed.Describe()}")
                + (rate >= QuestDbGoal ? "" : "; " + Format.Shortfall(rate, QuestDbGoal, higherIsBetter: true)));
        }
        finally
        {
            Directory.Delete(spool, recursive: true);
        }
    }

    /// <summary>Writes <paramref name="rows"/> rows with distinct timestamps and waits until all are acknowledged; returns seconds.</summary>
    private static async Task<double> PumpAsync(IlpWriter writer, int rows, Action<IlpWriter, int, DateTime> write, CancellationToken ct)
    {
        long writtenBefore = writer.Metrics.RowsWritten;
        DateTime baseTs = DateTime.UtcNow.AddMinutes(-10);
        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < rows; i++)
        {
            // Distinct (ts, ticker) per row so DEDUP keeps every one.
            write(writer, i, baseTs.AddTicks(i * 10L));
            if ((i & 1023) == 0)
            {
                while (writer.PendingRows > MaxBuffered)
                {
                    Thread.Yield();
                }
            }
        }

        await writer.FlushAsync(ct);
        while (writer.Metrics.RowsWritten - writtenBefore < rows)
        {
            if (writer.Metrics.RowsSpooled > 0 || writer.Metrics.RowsRejected > 0)
            {
                throw new InvalidOperationException($"the ILP target refused rows: {writer.Metrics.LastError}");
            }

            await Task.Delay(1, ct);
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<long> CountAsync(NpgsqlDataSource source, QuestDbSql sql, CancellationToken ct)
    {
        await using NpgsqlCommand command = source.CreateCommand(sql.ForTable(QuestDbSql.CountRows, "kalshi_ticks"));
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
