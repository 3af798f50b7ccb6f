using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.Ilp;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Feeds;
using Npgsql;

using KalshiArb.Tests.Infrastructure;

namespace KalshiArb.Tests.Fault;

/// <summary>
/// QuestDB is stopped in the middle of a stream and started again: afterwards every accepted row is in QuestDB
/// exactly once (row counts per table equal the rows generated). Runs when QUESTDB_JAR names a QuestDB jar.
/// </summary>
[Trait("Category", "Fault")]
public sealed class QuestDbOutageFaultTests
{
    private const int Events = 6_000;

    [Fact]
    public async Task Every_accepted_row_is_in_QuestDB_exactly_once_after_an_outage_mid_stream()
    {
        await using QuestDbProcess? server = QuestDbProcess.FromEnvironment();
        Assert.SkipWhen(server is null, QuestDbProcess.SkipReason);
        CancellationToken ct = TestContext.Current.CancellationToken;
        await server.StartAsync();
        string spool = Directory.CreateTempSubdirectory("kalshiarb-fault-spool-").FullName;
        string prefix = $"fault{Environment.ProcessId}_";
        var sql = new QuestDbSql(prefix);

        // The stream and, from the same rows the store writes, the number of rows each table must end with.
        MarketEvent[] stream = new MarketSimulator(new SimulatorOptions { Seed = 9, EventsPerSecond = 1_000 }, TimeProvider.System)
            .Generate(Events, DateTime.UtcNow.AddMinutes(-5)).ToArray();
        Dictionary<string, int> expected = ExpectedRowsPerTable(stream, new QuestDbTables(sql));

        var options = new QuestDbOptions
        {
            Mode = ServiceMode.On,
            HttpUrl = server.HttpUrl,
            PgConnectionString = server.PgConnectionString,
            TablePrefix = prefix,
            SpoolDirectory = spool,
            AutoFlushRows = 200,
            AutoFlushInterval = TimeSpan.FromMilliseconds(100),
            RequestTimeout = TimeSpan.FromSeconds(2),
        };
        try
        {
            await using (QuestDbHistoryStore store = await QuestDbHistoryStore.CreateAsync(options, TimeProvider.System, null, ct))
            {
                int third = Events / 3;
                Feed(store, stream[..third]);
                await Poll.UntilAsync(() => store.Writer.Metrics.RowsWritten > 0 && store.Writer.PendingRows == 0, "the first third written", timeoutSeconds: 60);

                server.Stop();
                Feed(store, stream[third..(2 * third)]);
                await Poll.UntilAsync(() => store.Writer.Metrics.RowsSpooled > 0, "rows spooled while QuestDB is away", timeoutSeconds: 60);

                await server.StartAsync();
                Feed(store, stream[(2 * third)..]);
                await Poll.UntilAsync(
                    () => store.Writer.Spool.IsEmpty && store.Writer.PendingRows == 0 && store.Writer.Metrics.RowsWritten >= expected.Values.Sum(),
                    "the spool replayed and every row acknowledged",
                    timeoutSeconds: 120);
                Assert.Equal(0, store.Writer.Metrics.RowsDropped);
                Assert.Equal(0, store.Writer.Metrics.RowsRejected);
                Assert.Equal(0, store.SkippedEvents);
            }

            // Counts per table, once QuestDB has applied its WAL: equal, so nothing lost and nothing doubled by the replay.
            await using NpgsqlDataSource source = NpgsqlDataSource.Create(server.PgConnectionString);
            foreach ((string table, int rows) in expected)
            {
                long counted = 0;
                DateTime deadline = DateTime.UtcNow.AddSeconds(60);
                while (DateTime.UtcNow < deadline)
                {
                    await using NpgsqlCommand count = source.CreateCommand(sql.ForTable(QuestDbSql.CountRows, table[prefix.Length..]));
                    counted = Convert.ToInt64(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
                    if (counted >= rows)
                    {
                        break;
                    }

                    await Task.Delay(250, ct);
                }

                Assert.Equal((table, (long)rows), (table, counted));
            }
        }
        finally
        {
            Directory.Delete(spool, recursive: true);
        }
    }

    private static void Feed(QuestDbHistoryStore store, MarketEvent[] events)
    {
        foreach (MarketEvent marketEvent in events)
        {
            store.OnMarketEvent(marketEvent);
        }
    }

    /// <summary>Encodes the stream exactly as the store does and counts distinct rows per table (DEDUP keeps one of identical rows).</summary>
    private static Dictionary<string, int> ExpectedRowsPerTable(MarketEvent[] stream, QuestDbTables tables)
    {
        var rows = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var buffer = new IlpBuffer();
        foreach (MarketEvent marketEvent in stream)
        {
            buffer.Clear();
            switch (marketEvent)
            {
                case KalshiTick e: QuestDbRows.Tick(buffer, (tables, e)); break;
                case KalshiTrade e: QuestDbRows.Trade(buffer, (tables, e)); break;
                case BookDelta e: QuestDbRows.Delta(buffer, (tables, e)); break;
                case BookSnapshot e: QuestDbRows.Snapshot(buffer, (tables, e)); break;
                case SportsbookQuote e: QuestDbRows.Quote(buffer, (tables, e)); break;
                case MarketStatusChanged e: QuestDbRows.Status(buffer, (tables, e)); break;
                case BookIntegrityChanged e: QuestDbRows.Integrity(buffer, (tables, e)); break;
            }

            foreach (string line in System.Text.Encoding.UTF8.GetString(buffer.Written.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string table = line[..line.IndexOfAny([',', ' '])];
                if (!rows.TryGetValue(table, out HashSet<string>? set))
                {
                    set = new HashSet<string>(StringComparer.Ordinal);
                    rows[table] = set;
                }

                set.Add(line);
            }
        }

        return rows.ToDictionary(r => r.Key, r => r.Value.Count, StringComparer.Ordinal);
    }
}
