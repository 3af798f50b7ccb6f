using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.InMemory;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static KalshiArb.Tests.Storage.HistoryFixtures;

namespace KalshiArb.Tests.Storage;

/// <summary>
/// Against a real QuestDB (see <see cref="QuestDbFixture"/>): every history read of <see cref="QuestDbSql"/> gives the
/// hand-computed answers for <see cref="QuestDbHistoryScenario"/> and agrees with the in-memory fallback.
/// WAL apply is asynchronous, so reads poll until the rows are visible.
/// </summary>
[Trait("Category", "QuestDb")]
[Collection(QuestDbServerCollection.Name)]
public sealed class QuestDbHistoryReadTests(QuestDbFixture questDb) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly QuestDbTestStores _stores = new(questDb);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _stores.DisposeAsync();

    [Fact]
    public async Task History_reads_give_the_hand_computed_answers_and_agree_with_the_in_memory_fallback()
    {
        await using QuestDbHistoryStore store = await _stores.NewStoreAsync(_ct);
        var memory = new InMemoryHistoryStore(new InMemoryHistoryOptions(), new FakeTimeProvider(new DateTimeOffset(Noon.AddHours(3))));
        await QuestDbHistoryScenario.FeedAsync(store, _ct);
        await QuestDbHistoryScenario.FeedAsync(memory, _ct);
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
        await using QuestDbHistoryStore store = await _stores.NewStoreAsync(_ct);
        await QuestDbHistoryScenario.FeedAsync(store, _ct);
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
}
