using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage.Ilp;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Feeds;
using KalshiArb.Tests.Storage;

using KalshiArb.Tests.Infrastructure;

namespace KalshiArb.Tests.Fault;

/// <summary>The application stops while QuestDB refuses writes, leaving rows in the spool; the next start delivers them, each once.</summary>
[Trait("Category", "Fault")]
public sealed class SpoolRestartFaultTests : IDisposable
{
    private static readonly QuestDbTables Tables = new(new QuestDbSql(""));
    private readonly string _spoolDirectory = Directory.CreateTempSubdirectory("kalshiarb-fault-spool-").FullName;

    private IlpWriterOptions Options => new()
    {
        AutoFlushRows = 100,
        AutoFlushInterval = TimeSpan.FromMilliseconds(50),
        MaxAttempts = 1,
        RetryBackoff = TimeSpan.FromMilliseconds(10),
        MaxReplayBackoff = TimeSpan.FromMilliseconds(100),
        SpoolDirectory = _spoolDirectory,
    };

    [Fact]
    public async Task Spool_left_by_a_stopped_app_drains_on_the_next_start_and_nothing_doubles()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        const int beforeStop = 1_000, afterStart = 100;

        // First run: QuestDB answers 503 to everything, so every row ends up in the spool.
        await using (var refusing = new FakeIlpHttpServer { Respond = _ => (503, "{\"message\":\"shutting down\"}") })
        {
            var writer = new IlpWriter(new IlpHttpTransport(refusing.BaseUri, TimeSpan.FromSeconds(5)), new IlpSpool(_spoolDirectory, 1L << 26), Options, TimeProvider.System);
            for (int id = 0; id < beforeStop; id++)
            {
                writer.Write((Tables, Row(id)), QuestDbRows.Tick);
            }

            // Stopping the app: what is still buffered goes to the spool too.
            await writer.DisposeAsync();
            Assert.Equal(beforeStop, writer.Metrics.RowsSpooled);
            Assert.Equal(0, writer.Metrics.RowsDropped);
            Assert.Empty(refusing.SnapshotAccepted());
        }

        Assert.False(new IlpSpool(_spoolDirectory, 1L << 26).IsEmpty);

        // Second run on the same spool directory, QuestDB back: the spool is replayed, then new rows follow.
        await using var accepting = new FakeIlpHttpServer();
        var restarted = new IlpWriter(new IlpHttpTransport(accepting.BaseUri, TimeSpan.FromSeconds(5)), new IlpSpool(_spoolDirectory, 1L << 26), Options, TimeProvider.System);
        await using (restarted)
        {
            for (int id = beforeStop; id < beforeStop + afterStart; id++)
            {
                restarted.Write((Tables, Row(id)), QuestDbRows.Tick);
            }

            await restarted.FlushAsync(ct);
            await Poll.UntilAsync(() => restarted.Spool.IsEmpty && accepting.SnapshotAccepted().Count >= beforeStop + afterStart, "spool drained and every row delivered", timeoutSeconds: 30);
        }

        List<int> ids = accepting.SnapshotAccepted().Select(IdOf).ToList();
        // 1,000 spooled + 100 new = 1,100 rows, each id exactly once.
        Assert.Equal(beforeStop + afterStart, ids.Count);
        Assert.Equal(Enumerable.Range(0, beforeStop + afterStart), ids.Order());

        // The spooled rows went out before the new ones: spool first keeps the order of a table's rows.
        Assert.True(ids.Take(beforeStop).All(id => id < beforeStop));
        Assert.True(new IlpSpool(_spoolDirectory, 1L << 26).IsEmpty);
    }

    /// <summary>A tick whose ticker carries a unique id, so each delivered line can be traced to exactly one write.</summary>
    private static KalshiTick Row(int id)
    {
        DateTime ts = new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(id);
        return new KalshiTick($"KXFAULT-ROW{id:D6}", 0.40m, 0.42m, 10m, 12m, 0.41m, 100m, 50m, ts, ts);
    }

    private static int IdOf(string line)
    {
        int start = line.IndexOf("KXFAULT-ROW", StringComparison.Ordinal) + "KXFAULT-ROW".Length;
        return int.Parse(line.AsSpan(start, 6), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => Directory.Delete(_spoolDirectory, recursive: true);
}
