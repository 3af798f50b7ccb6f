using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.Ilp;
using KalshiArb.Ingestion.Storage.InMemory;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static KalshiArb.Tests.Storage.HistoryFixtures;

namespace KalshiArb.Tests.Storage;

/// <summary>
/// Against a real QuestDB (see <see cref="QuestDbFixture"/>): schema, every statement of <see cref="QuestDbSql"/>,
/// hand-computed answers, agreement with the in-memory fallback, idempotent replay, rejection and spool replay.
/// WAL apply is asynchronous, so reads poll until the rows are visible.
/// </summary>
[Trait("Category", "QuestDb")]
[Collection(QuestDbServerCollection.Name)]
public sealed class QuestDbIntegrationTests(QuestDbFixture questDb) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _spoolDir = Directory.CreateTempSubdirectory("kalshiarb-qdb-spool-").FullName;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly List<QuestDbSql> _created = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (questDb.Available)
        {
            await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(questDb.PgConnectionString);
            foreach (QuestDbSql sql in _created)
            {
                foreach ((string table, _, _) in QuestDbSql.Tables)
                {
                    await using NpgsqlCommand drop = dataSource.CreateCommand(sql.ForTable(QuestDbSql.DropTable, table));
                    await drop.ExecuteNonQueryAsync();
                }
            }
        }

        Directory.Delete(_spoolDir, recursive: true);
    }

    private async Task<QuestDbHistoryStore> NewStoreAsync()
    {
        questDb.SkipIfUnavailable();
        QuestDbOptions options = questDb.Options(questDb.NewTablePrefix(), _spoolDir);
        _created.Add(new QuestDbSql(options.TablePrefix));
        return await QuestDbHistoryStore.CreateAsync(options, TimeProvider.System, null, _ct);
    }

    private async Task<long> CountAsync(string table, QuestDbSql sql)
    {
        await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(questDb.PgConnectionString);
        await using NpgsqlCommand count = dataSource.CreateCommand(sql.ForTable(QuestDbSql.CountRows, table));
        return Convert.ToInt64(await count.ExecuteScalarAsync(_ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The shared scenario, fed to any history store.</summary>
    private static async Task FeedAsync(IHistoryStore store, CancellationToken ct)
    {
        store.OnMarketEvent(Tick("T", Noon.AddSeconds(5), 0.40m, 0.45m, lagMs: 4));
        store.OnMarketEvent(Tick("T", Noon.AddSeconds(30), null, 0.47m, lagMs: 6));
        store.OnMarketEvent(Tick("T", Noon.AddSeconds(59), 0.42m, 0.44m, lagMs: 8));
        store.OnMarketEvent(Tick("T", Noon.AddMinutes(2).AddSeconds(10), 0.50m, 0.55m, lagMs: 10));
        store.OnMarketEvent(Tick("U", Noon.AddMinutes(3), 0.30m, 0.35m));
        store.OnMarketEvent(Quote("evt1", "draftkings", "Lakers", Noon.AddSeconds(10), 0.50m));
        store.OnMarketEvent(Quote("evt1", "fanduel", "Lakers", Noon.AddSeconds(20), 0.56m));
        store.OnMarketEvent(Quote("evt1", "draftkings", "Lakers", Noon.AddSeconds(40), 0.52m));
        store.OnMarketEvent(Quote("evt1", "fanduel", "Lakers", Noon.AddMinutes(1), 0.60m));
        store.OnOpportunity(Opportunity("A", OpportunityState.Open, "T", Noon.AddMinutes(10)));
        store.OnOpportunity(Opportunity("A", OpportunityState.Update, "T", Noon.AddMinutes(15)));
        store.OnOpportunity(Opportunity("B", OpportunityState.Open, "T", Noon.AddMinutes(20)));
        store.OnOpportunity(Opportunity("C", OpportunityState.Open, "U", Noon.AddMinutes(65)));
        await store.RecordExecutionAsync(Execution("e1", "A", "T", Side.Yes, 0.45m, 10m, 0.18m, Noon.AddMinutes(11)), ct);
        await store.RecordExecutionAsync(Execution("e2", "A", "U", Side.No, 0.60m, 5m, 0.09m, Noon.AddMinutes(12)), ct);
        await store.RecordExecutionAsync(Execution("e3", "C", "V", Side.Yes, 0.30m, 4m, 0.06m, Noon.AddMinutes(70)), ct);
        await store.RecordExecutionAsync(Execution("e4", null, "W", Side.Yes, 0.20m, 1m, 0.02m, Noon.AddMinutes(71)), ct);
        await store.RecordSettlementAsync(new Settlement("T", SettlementResult.No, "kalshi", Noon.AddMinutes(80)), ct);
        await store.RecordSettlementAsync(new Settlement("T", SettlementResult.Yes, "manual", Noon.AddMinutes(90)), ct);
        await store.RecordSettlementAsync(new Settlement("V", SettlementResult.Void, "kalshi", Noon.AddMinutes(90)), ct);
        await store.RecordSettlementAsync(new Settlement("W", SettlementResult.No, "kalshi", Noon.AddMinutes(90)), ct);
        await store.RecordMappingAsync(Mapping("T", "Lakers", false, false, SettlementEquivalence.Caution, Noon), ct);
        await store.RecordMappingAsync(Mapping("T", "Lakers", false, true, SettlementEquivalence.Safe, Noon.AddMinutes(1)), ct);
        await store.RecordMappingAsync(Mapping("U", "Lakers", true, true, SettlementEquivalence.Caution, Noon), ct);
        await store.RecordMappingAsync(Mapping("X", "Lakers", false, true, SettlementEquivalence.Block, Noon), ct);
    }

    [Fact]
    public async Task Schema_creation_is_idempotent_and_creates_every_table_empty()
    {
        questDb.SkipIfUnavailable();
        QuestDbOptions options = questDb.Options(questDb.NewTablePrefix(), _spoolDir);
        var sql = new QuestDbSql(options.TablePrefix);
        _created.Add(sql);

        await QuestDbSchema.EnsureCreatedAsync(options, _ct);
        await QuestDbSchema.EnsureCreatedAsync(options, _ct);

        foreach ((string table, _, _) in QuestDbSql.Tables)
        {
            Assert.Equal(0, await CountAsync(table, sql));
        }

        Assert.Null(await QuestDbProbe.DescribeUnreachableAsync(options, TimeSpan.FromSeconds(3), _ct));
    }

    [Fact]
    public async Task History_reads_give_the_hand_computed_answers_and_agree_with_the_in_memory_fallback()
    {
        await using QuestDbHistoryStore store = await NewStoreAsync();
        var memory = new InMemoryHistoryStore(new InMemoryHistoryOptions(), new FakeTimeProvider(new DateTimeOffset(Noon.AddHours(3))));
        await FeedAsync(store, _ct);
        await FeedAsync(memory, _ct);
        await store.Writer.FlushAsync(_ct);
        // Acknowledged is committed, not yet visible: wait until QuestDB applied every WAL transaction of our tables.
        await store.WaitForWalAppliedAsync(Patience, _ct);
        DateTime from = Noon, to = Noon.AddHours(3);

        IReadOnlyList<QuoteBar> bars = await Poll.ForAsync(() => store.GetQuoteBarsAsync("T", from, to, TimeSpan.FromMinutes(1), _ct), b => b.Sum(x => x.Ticks) == 4, "4 ticks of T", Patience.TotalSeconds, _ct);
        // As in the in-memory test: 12:00 from three ticks, 12:02 from one.
        Assert.Equal(
            [
                new QuoteBar(Noon, 0.40m, 0.42m, 0.40m, 0.42m, 0.45m, 0.44m, 0.44m, 0.47m, 3),
                new QuoteBar(Noon.AddMinutes(2), 0.50m, 0.50m, 0.50m, 0.50m, 0.55m, 0.55m, 0.55m, 0.55m, 1),
            ],
            bars);
        Assert.Equal(await memory.GetQuoteBarsAsync("T", from, to, TimeSpan.FromMinutes(1), _ct), bars);

        IReadOnlyList<FairProbPoint> fair = await Poll.ForAsync(() => store.GetFairProbSeriesAsync("evt1", "h2h", "Lakers", from, to, TimeSpan.FromMinutes(1), _ct), f => f.Count == 2, "two buckets of fair probabilities", Patience.TotalSeconds, _ct);
        // (0.52 + 0.56) / 2 = 0.54 over 2 books; then 0.60 alone. DOUBLE arithmetic: compare to 1e-9.
        Assert.Equal([2, 1], fair.Select(p => p.Books));
        Assert.Equal(0.54, (double)fair[0].FairProb, 9);
        Assert.Equal(0.60, (double)fair[1].FairProb, 9);
        IReadOnlyList<FairProbPoint> memoryFair = await memory.GetFairProbSeriesAsync("evt1", "h2h", "Lakers", from, to, TimeSpan.FromMinutes(1), _ct);
        Assert.Equal(memoryFair.Select(p => (p.Ts, p.Books)), fair.Select(p => (p.Ts, p.Books)));

        IReadOnlyList<Opportunity> opportunities = await Poll.ForAsync(() => store.GetOpportunitiesAsync(from, to, null, _ct), o => o.Count == 4, "4 opportunity rows", Patience.TotalSeconds, _ct);
        Assert.Equal(await memory.GetOpportunitiesAsync(from, to, null, _ct), opportunities);
        Assert.Equal(await memory.GetOpportunitiesAsync(from, to, "T", _ct), await store.GetOpportunitiesAsync(from, to, "T", _ct));
        // Pages of 3 put together give the whole range once, in order, for all markets and for one.
        Assert.Equal(opportunities, [.. await Paged(null, 0), .. await Paged(null, 3)]);
        Assert.Equal(await memory.GetOpportunitiesAsync(from, to, "T", _ct), [.. await Paged("T", 0), .. await Paged("T", 3)]);
        Task<List<Opportunity>> Paged(string? ticker, int skip) => store.StreamOpportunitiesAsync(from, to, ticker, skip, 3, _ct).ToListAsync(_ct).AsTask();

        Assert.Equal(await memory.GetExecutionsAsync(from, to, _ct), await store.GetExecutionsAsync(from, to, _ct));
        Assert.Equal(await memory.GetSettlementsAsync(_ct), await store.GetSettlementsAsync(_ct));
        IReadOnlyList<EventMapping> mappings = await store.GetMappingsAsync(_ct);
        Assert.Equal(await memory.GetMappingsAsync(_ct), mappings);
        Assert.True(mappings.Single(m => m.KalshiTicker == "T").Confirmed);

        IReadOnlyList<StageLatency> latency = await store.GetLatencyAsync(from, to, _ct);
        IReadOnlyList<StageLatency> memoryLatency = await memory.GetLatencyAsync(from, to, _ct);
        // Feed stages agree with the exact percentiles within HdrHistogram's 3 significant digits (0.1%).
        foreach (StageLatency exact in memoryLatency)
        {
            StageLatency approx = Assert.Single(latency, l => l.Stage == exact.Stage);
            Assert.Equal(exact.Samples, approx.Samples);
            Assert.Equal(exact.P50Ms, approx.P50Ms, exact.P50Ms * 0.001 + 0.001);
            Assert.Equal(exact.P90Ms, approx.P90Ms, exact.P90Ms * 0.001 + 0.001);
            Assert.Equal(exact.P99Ms, approx.P99Ms, exact.P99Ms * 0.001 + 0.001);
        }

        // T's lags 4, 6, 8, 10 ms and U's 5 ms: sorted 4, 5, 6, 8, 10 -> p50 = 3rd = 6 ms, p90 = 5th = 10 ms.
        StageLatency ticks = Assert.Single(latency, l => l.Stage == "kalshi_ticks");
        Assert.Equal(6, ticks.P50Ms, 0.01);
        Assert.Equal(10, ticks.P90Ms, 0.02);
    }

    [Fact]
    public async Task The_audit_gives_the_hand_computed_edges_of_moneyline_mappings_and_leaves_line_mappings_out()
    {
        await using QuestDbHistoryStore store = await NewStoreAsync();
        await FeedAsync(store, _ct);
        // S: a confirmed spread mapping on the same game and outcome, with two books' quotes of two different points
        // and a priced tick. Averaging fair_prob across books whatever the point means nothing: the audit skips it.
        store.OnMarketEvent(Tick("S", Noon.AddMinutes(3), 0.10m, 0.12m));
        store.OnMarketEvent(Quote("evt1", "draftkings", "Lakers", Noon.AddSeconds(30), 0.50m) with { MarketType = "spreads", Point = -3.5m });
        store.OnMarketEvent(Quote("evt1", "fanduel", "Lakers", Noon.AddSeconds(30), 0.40m) with { MarketType = "spreads", Point = -5.5m });
        await store.RecordMappingAsync(Mapping("S", "Lakers", false, true, SettlementEquivalence.Safe, Noon) with { MarketType = "spreads", Point = -3.5m }, _ct);
        await store.Writer.FlushAsync(_ct);
        await store.WaitForWalAppliedAsync(Patience, _ct);
        DateTime since = Noon.AddHours(-1);

        IReadOnlyList<PositiveEvAuditRow> audit = await Poll.ForAsync(() => store.GetPositiveEvAuditAsync(since, _ct), a => a.Count >= 2, "audit rows of T and U", Patience.TotalSeconds, _ct);
        // S (spreads) is absent and X is blocked: absent. Fair Lakers (h2h) = average of the latest per book = (0.52 + 0.60) / 2 = 0.56.
        Assert.Equal(["T", "U"], audit.Select(a => a.KalshiTicker));
        Assert.All(audit, a => Assert.Equal("h2h", a.MarketType));
        // T (YES = Lakers): ask 0.55 -> 0.56 - 0.55 - 0.07*0.55*0.45 = 0.01 - 0.017325 = -0.007325;
        //   NO at 1 - 0.50 = 0.50 against 0.44 -> 0.44 - 0.50 - 0.07*0.50*0.50 = -0.06 - 0.0175 = -0.0775.
        // U (inverted: YES = not Lakers, fair 0.44): ask 0.35 -> 0.44 - 0.35 - 0.07*0.35*0.65 = 0.09 - 0.015925 = 0.074075;
        //   NO at 1 - 0.30 = 0.70 against 0.56 -> 0.56 - 0.70 - 0.07*0.70*0.30 = -0.14 - 0.0147 = -0.1547.
        PositiveEvAuditRow t = audit.Single(a => a.KalshiTicker == "T");
        PositiveEvAuditRow u = audit.Single(a => a.KalshiTicker == "U");
        Assert.Equal(2, t.Books);
        Assert.Equal(0.56, (double)t.FairYes, 9);
        Assert.Equal(-0.007325, (double)t.YesEdge!.Value, 9);
        Assert.Equal(-0.0775, (double)t.NoEdge!.Value, 9);
        Assert.Equal(0.44, (double)u.FairYes, 9);
        Assert.Equal(0.074075, (double)u.YesEdge!.Value, 9);
        Assert.Equal(-0.1547, (double)u.NoEdge!.Value, 9);
    }

    [Fact]
    public async Task Replaying_the_same_batch_twice_leaves_one_copy()
    {
        await using QuestDbHistoryStore store = await NewStoreAsync();
        var sql = _created[^1];
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
        Assert.Equal(4, await CountAsync("kalshi_ticks", sql));

        await store.RecordExecutionAsync(Execution("e1", null, "T", Side.Yes, 0.45m, 1m, 0.02m, Noon), _ct);
        await store.RecordExecutionAsync(Execution("e1", null, "T", Side.Yes, 0.45m, 1m, 0.02m, Noon), _ct);
        // Both writes applied (not merely the first): the second is deduplicated, not pending.
        await store.WaitForWalAppliedAsync(Patience, _ct);
        Assert.Single(await store.GetExecutionsAsync(Noon, Noon.AddHours(1), _ct));
        Assert.Equal(1, await CountAsync("executions", sql));
    }

    [Fact]
    public async Task A_schema_mismatch_is_rejected_with_the_row_and_the_rest_of_the_batch_is_written()
    {
        await using QuestDbHistoryStore store = await NewStoreAsync();
        QuestDbSql sql = _created[^1];
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
        await using QuestDbHistoryStore store = await NewStoreAsync();
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
