using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage.Ilp;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Infrastructure;
using static KalshiArb.Tests.Storage.HistoryFixtures;

namespace KalshiArb.Tests.Storage;

/// <summary>
/// Against a real QuestDB (see <see cref="QuestDbFixture"/>): what reaches the tables when a batch is sent twice, when
/// a row does not fit the schema, and when QuestDB is down while rows are written.
/// </summary>
[Trait("Category", "QuestDb")]
[Collection(QuestDbServerCollection.Name)]
public sealed class QuestDbWriteDeliveryTests(QuestDbFixture questDb) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly QuestDbTestStores _stores = new(questDb);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _stores.DisposeAsync();

    [Fact]
    public async Task Replaying_the_same_batch_twice_leaves_one_copy()
    {
        await using QuestDbHistoryStore store = await _stores.NewStoreAsync(_ct);
        var sql = _stores.LastSql;
        var tables = new QuestDbTables(sql);
        var batch = new IlpBuffer();
        for (int i = 0; i < 3; i++)
        {
            QuestDbRows.Tick(batch, (tables, Tick("T", Noon.AddSeconds(i), 0.40m, 0.45m)));
        }

        await using var transport = new IlpHttpTransport(new Uri(questDb.HttpUrl), TimeSpan.FromSeconds(10));
        Assert.Equal(IlpSendStatus.Accepted, (await transport.SendAsync(batch.Written, _ct)).Status);
        Assert.Equal(IlpSendStatus.Accepted, (await transport.SendAsync(batch.Written, _ct)).Status);
        // WAL applies in order: once this later row is visible, both copies of the batch have been applied.
        var sentinel = new IlpBuffer();
        QuestDbRows.Tick(sentinel, (tables, Tick("SENTINEL", Noon.AddHours(1), 0.1m, 0.2m)));
        Assert.Equal(IlpSendStatus.Accepted, (await transport.SendAsync(sentinel.Written, _ct)).Status);

        await Poll.ForAsync(() => store.GetKalshiTickAtAsync("SENTINEL", Noon.AddHours(1), _ct), t => t is not null, "the sentinel row", Patience.TotalSeconds, _ct);
        Assert.Equal(4, await _stores.CountAsync("kalshi_ticks", sql, _ct));

        await store.RecordExecutionAsync(Execution("e1", null, "T", Side.Yes, 0.45m, 1m, 0.02m, Noon), _ct);
        await store.RecordExecutionAsync(Execution("e1", null, "T", Side.Yes, 0.45m, 1m, 0.02m, Noon), _ct);
        // Both writes applied (not merely the first): the second is deduplicated, not pending.
        await store.WaitForWalAppliedAsync(Patience, _ct);
        Assert.Single(await store.GetExecutionsAsync(Noon, Noon.AddHours(1), _ct));
        Assert.Equal(1, await _stores.CountAsync("executions", sql, _ct));
    }

    [Fact]
    public async Task A_schema_mismatch_is_rejected_with_the_row_and_the_rest_of_the_batch_is_written()
    {
        await using QuestDbHistoryStore store = await _stores.NewStoreAsync(_ct);
        QuestDbSql sql = _stores.LastSql;
        var tables = new QuestDbTables(sql);
        store.Writer.Write(0, (b, _) => b.Table(tables.KalshiTicks).Symbol("ticker", "GOOD1").Column("yes_bid", 0.4).At(Noon));
        store.Writer.Write(0, (b, _) => b.Table(tables.KalshiTicks).Symbol("ticker", "BAD").Column("yes_bid", "not a price").At(Noon));
        store.Writer.Write(0, (b, _) => b.Table(tables.KalshiTicks).Symbol("ticker", "GOOD2").Column("yes_bid", 0.5).At(Noon));

        await store.Writer.FlushAsync(_ct);
        await store.WaitForWalAppliedAsync(Patience, _ct);

        Assert.Equal(1, store.Writer.Metrics.RowsRejected);
        Assert.Contains("BAD", store.Writer.Metrics.LastError, StringComparison.Ordinal);
        Assert.Contains("BAD", await File.ReadAllTextAsync(store.Writer.Spool.RejectedPath, _ct), StringComparison.Ordinal);
        // GOOD1 and GOOD2 stored, BAD not: one tick each in their bars.
        long[] ticks = await Task.WhenAll(new[] { "GOOD1", "BAD", "GOOD2" }.Select(async t =>
            (await store.GetQuoteBarsAsync(t, Noon, Noon.AddMinutes(1), TimeSpan.FromMinutes(1), _ct)).Sum(b => b.Ticks)));
        Assert.Equal([1, 0, 1], ticks);
        Assert.True(store.Writer.Spool.IsEmpty);
    }

    [Fact]
    public async Task Rows_written_while_QuestDB_is_down_are_spooled_and_replayed_when_it_is_back()
    {
        await using QuestDbHistoryStore store = await _stores.NewStoreAsync(_ct);
        Assert.SkipUnless(questDb.StartedHere, "stopping the server needs one the fixture started (QUESTDB_JAR)");
        try
        {
            questDb.StopServer();
            store.OnMarketEvent(Tick("T", Noon, 0.40m, 0.45m));
            await store.RecordExecutionAsync(Execution("e-down", null, "T", Side.Yes, 0.45m, 1m, 0.02m, Noon), _ct);
            await store.Writer.FlushAsync(_ct);
            Assert.Equal(2, store.Writer.Metrics.RowsSpooled);
        }
        finally
        {
            await questDb.RestartAsync();
        }

        await Poll.UntilAsync(async () => { await store.Writer.FlushAsync(_ct); return store.Writer.Spool.IsEmpty; }, "the spool to drain", Patience.TotalSeconds);
        await Poll.ForAsync(() => store.GetExecutionsAsync(Noon, Noon.AddHours(1), _ct), e => e.Count == 1, "the replayed execution", Patience.TotalSeconds, _ct);
        await Poll.ForAsync(() => store.GetKalshiTickAtAsync("T", Noon, _ct), t => t is not null, "the replayed tick", Patience.TotalSeconds, _ct);
    }
}
