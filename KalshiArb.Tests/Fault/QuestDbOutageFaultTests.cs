using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.Ilp;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Feeds;
using KalshiArb.Tests.Infrastructure;
using Npgsql;

namespace KalshiArb.Tests.Fault;

/// <summary>
/// QuestDB is killed for 60 s in the middle of a 10,000 events/s stream and started again: afterwards every accepted
/// row is in QuestDB exactly once (row counts per table equal the distinct rows generated), the spool is drained, a
/// read through the store's pooled connections works again, and the Health page showed the outage and then the
/// recovery. Runs when QUESTDB_JAR names a QuestDB jar (takes about two minutes).
/// </summary>
[Trait("Category", "Fault")]
public sealed class QuestDbOutageFaultTests
{
    private const int EventsPerSecond = 10_000;
    private static readonly TimeSpan Before = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Every_accepted_row_is_in_QuestDB_exactly_once_after_a_60_s_outage_mid_stream_at_10000_events_per_second()
    {
        await using QuestDbServer? server = QuestDbServer.FromJar();
        Assert.SkipWhen(server is null, QuestDbServer.JarNeeded);
        CancellationToken ct = TestContext.Current.CancellationToken;
        await server.StartAsync(ct);
        string spool = Directory.CreateTempSubdirectory("kalshiarb-fault-spool-").FullName;
        string prefix = $"fault{Environment.ProcessId}_";
        var sql = new QuestDbSql(prefix);
        var tables = new QuestDbTables(sql);
        int total = (int)((Before + Outage + After).TotalSeconds * EventsPerSecond);
        using IEnumerator<MarketEvent> stream = new MarketSimulator(new SimulatorOptions { Seed = 9, EventsPerSecond = EventsPerSecond }, TimeProvider.System)
            .Generate(total, DateTime.UtcNow.AddMinutes(-5)).GetEnumerator();
        var expected = new ExpectedRows(tables);

        var options = new QuestDbOptions
        {
            Mode = ServiceMode.On,
            HttpUrl = server.HttpUrl,
            PgConnectionString = server.PgConnectionString,
            TablePrefix = prefix,
            SpoolDirectory = spool,
            AutoFlushRows = 5_000,
            AutoFlushInterval = TimeSpan.FromMilliseconds(100),
            RequestTimeout = TimeSpan.FromSeconds(2),
        };
        try
        {
            await using (QuestDbHistoryStore store = await QuestDbHistoryStore.CreateAsync(options, TimeProvider.System, null, ct))
            {
                await FeedPacedAsync(store, stream, expected, Before, ct);
                await store.GetLatencyAsync(DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(1), ct); // a pooled PGWire connection now exists
                Assert.Equal(HealthLevel.Healthy, store.GetHealth().Level);

                server.Stop();
                Task feeding = FeedPacedAsync(store, stream, expected, Outage, ct);
                await Poll.UntilAsync(() => store.Writer.Metrics.RowsSpooled > 0, "rows spooled while QuestDB is away", timeoutSeconds: 30);
                ComponentHealth during = store.GetHealth();
                await feeding;

                await server.StartAsync(ct);
                await FeedPacedAsync(store, stream, expected, After, ct);
                Assert.False(stream.MoveNext(), "the whole stream was fed");
                await Poll.UntilAsync(
                    () => store.Writer.Spool.IsEmpty && store.Writer.PendingRows == 0 && store.Writer.Metrics.Connected,
                    "the spool replayed and the live rows acknowledged",
                    timeoutSeconds: 180);
                await store.Writer.FlushAsync(ct);
                ComponentHealth after = store.GetHealth();

                Assert.Equal(HealthLevel.Degraded, during.Level);
                Assert.Contains("QuestDB unreachable", during.Message, StringComparison.Ordinal);
                Assert.Equal(HealthLevel.Healthy, after.Level);
                Assert.Contains("recovered", after.Message, StringComparison.Ordinal);
                Assert.True(after.Figures["outages"] >= 1, after.Message);
                // From the first failed send to the first acknowledged one: the kill, the 60 s and the start-up.
                Assert.True(after.Figures["last_outage_s"] >= Outage.TotalSeconds - 5, after.Message);
                Assert.True(store.Writer.Metrics.RowsSpooled > 0);
                Assert.Equal(0, store.Writer.Metrics.RowsDropped);
                Assert.Equal(0, store.Writer.Metrics.RowsRejected);
                Assert.Equal(0, store.SkippedEvents);

                // The store's pool held connections to the killed server: reads still work.
                await store.WaitForWalAppliedAsync(TimeSpan.FromSeconds(120), ct);
                Assert.NotEmpty(await store.GetLatencyAsync(DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(1), ct));
            }

            // Counts per table once QuestDB applied its WAL: equal, so nothing lost and nothing doubled by the replay.
            await using NpgsqlDataSource source = NpgsqlDataSource.Create(server.PgConnectionString);
            foreach ((string table, int rows) in expected.PerTable)
            {
                await using NpgsqlCommand count = source.CreateCommand(sql.ForTable(QuestDbSql.CountRows, table[prefix.Length..]));
                long counted = Convert.ToInt64(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal((table, (long)rows), (table, counted));
            }
        }
        finally
        {
            Directory.Delete(spool, recursive: true);
        }
    }

    /// <summary>Feeds the stream at <see cref="EventsPerSecond"/> of real time for <paramref name="duration"/>, counting what each table must end with.</summary>
    private static async Task FeedPacedAsync(QuestDbHistoryStore store, IEnumerator<MarketEvent> stream, ExpectedRows expected, TimeSpan duration, CancellationToken ct)
    {
        long started = TimeProvider.System.GetTimestamp();
        long fed = 0;
        long due = (long)(duration.TotalSeconds * EventsPerSecond);
        while (fed < due)
        {
            long now = Math.Min(due, (long)(TimeProvider.System.GetElapsedTime(started).TotalSeconds * EventsPerSecond));
            for (; fed < now && stream.MoveNext(); fed++)
            {
                store.OnMarketEvent(stream.Current);
                expected.Add(stream.Current);
            }

            await Task.Delay(5, ct);
        }
    }

    /// <summary>Encodes the stream exactly as the store does and counts distinct rows per table (DEDUP keeps one of identical rows).</summary>
    private sealed class ExpectedRows(QuestDbTables tables)
    {
        private readonly Dictionary<string, HashSet<string>> _rows = new(StringComparer.Ordinal);
        private readonly IlpBuffer _buffer = new();

        public IEnumerable<(string Table, int Rows)> PerTable => _rows.Select(r => (r.Key, r.Value.Count));

        public void Add(MarketEvent marketEvent)
        {
            _buffer.Clear();
            switch (marketEvent)
            {
                case KalshiTick e: QuestDbRows.Tick(_buffer, (tables, e)); break;
                case KalshiTrade e: QuestDbRows.Trade(_buffer, (tables, e)); break;
                case BookDelta e: QuestDbRows.Delta(_buffer, (tables, e)); break;
                case BookSnapshot e: QuestDbRows.Snapshot(_buffer, (tables, e)); break;
                case SportsbookQuote e: QuestDbRows.Quote(_buffer, (tables, e)); break;
                case MarketStatusChanged e: QuestDbRows.Status(_buffer, (tables, e)); break;
                case BookIntegrityChanged e: QuestDbRows.Integrity(_buffer, (tables, e)); break;
            }

            foreach (string line in System.Text.Encoding.UTF8.GetString(_buffer.Written.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string table = line[..line.IndexOfAny([',', ' '])];
                if (!_rows.TryGetValue(table, out HashSet<string>? set))
                {
                    set = new HashSet<string>(StringComparer.Ordinal);
                    _rows[table] = set;
                }

                set.Add(line);
            }
        }
    }
}
