using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.InMemory;
using Microsoft.Extensions.Time.Testing;
using static KalshiArb.Tests.Storage.HistoryFixtures;

namespace KalshiArb.Tests.Storage;

public sealed class InMemoryHistoryStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Noon.AddHours(2)));
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private InMemoryHistoryStore NewStore(InMemoryHistoryOptions? options = null) => new(options ?? new InMemoryHistoryOptions(), _time);

    [Fact]
    public async Task Quote_bars_take_first_and_last_non_null_min_max_and_count_per_bucket()
    {
        InMemoryHistoryStore store = NewStore();
        store.OnMarketEvent(Tick("T", Noon.AddSeconds(5), 0.40m, 0.45m));
        store.OnMarketEvent(Tick("T", Noon.AddSeconds(30), null, 0.47m));
        store.OnMarketEvent(Tick("T", Noon.AddSeconds(59), 0.42m, 0.44m));
        store.OnMarketEvent(Tick("T", Noon.AddMinutes(2).AddSeconds(10), 0.50m, 0.55m));
        store.OnMarketEvent(Tick("OTHER", Noon.AddSeconds(10), 0.10m, 0.20m));

        IReadOnlyList<QuoteBar> bars = await store.GetQuoteBarsAsync("T", Noon, Noon.AddMinutes(5), TimeSpan.FromMinutes(1), _ct);

        // 12:00 bucket: bids 0.40, (none), 0.42 -> first 0.40, last 0.42; asks 0.45, 0.47, 0.44 -> first 0.45, last 0.44,
        // min 0.44, max 0.47; three ticks. 12:01 saw nothing (no bar). 12:02: one tick.
        Assert.Equal(
            [
                new QuoteBar(Noon, 0.40m, 0.42m, 0.40m, 0.42m, 0.45m, 0.44m, 0.44m, 0.47m, 3),
                new QuoteBar(Noon.AddMinutes(2), 0.50m, 0.50m, 0.50m, 0.50m, 0.55m, 0.55m, 0.55m, 0.55m, 1),
            ],
            bars);
    }

    [Fact]
    public async Task Quote_bars_respect_the_half_open_range_and_refuse_odd_buckets()
    {
        InMemoryHistoryStore store = NewStore();
        store.OnMarketEvent(Tick("T", Noon, 0.40m, 0.45m));
        store.OnMarketEvent(Tick("T", Noon.AddMinutes(1), 0.41m, 0.46m));

        IReadOnlyList<QuoteBar> bars = await store.GetQuoteBarsAsync("T", Noon, Noon.AddMinutes(1), TimeSpan.FromMinutes(1), _ct);

        Assert.Equal(Noon, Assert.Single(bars).Ts);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.GetQuoteBarsAsync("T", Noon, Noon.AddHours(1), TimeSpan.FromSeconds(7), _ct));
    }

    [Fact]
    public async Task Fair_prob_series_averages_each_books_last_value_per_bucket()
    {
        InMemoryHistoryStore store = NewStore();
        store.OnMarketEvent(Quote("evt1", "draftkings", "Lakers", Noon.AddSeconds(10), 0.50m));
        store.OnMarketEvent(Quote("evt1", "fanduel", "Lakers", Noon.AddSeconds(20), 0.56m));
        store.OnMarketEvent(Quote("evt1", "draftkings", "Lakers", Noon.AddSeconds(40), 0.52m));
        store.OnMarketEvent(Quote("evt1", "fanduel", "Lakers", Noon.AddMinutes(1), 0.60m));
        store.OnMarketEvent(Quote("evt1", "fanduel", "Celtics", Noon.AddSeconds(20), 0.44m));

        IReadOnlyList<FairProbPoint> series = await store.GetFairProbSeriesAsync("evt1", "h2h", "Lakers", Noon, Noon.AddMinutes(2), TimeSpan.FromMinutes(1), _ct);

        // 12:00: draftkings last 0.52, fanduel 0.56 -> (0.52 + 0.56) / 2 = 0.54 over 2 books. 12:01: fanduel 0.60 alone.
        Assert.Equal([new FairProbPoint(Noon, 0.54m, 2), new FairProbPoint(Noon.AddMinutes(1), 0.60m, 1)], series);
    }

    [Fact]
    public async Task Latency_is_true_nearest_rank_percentiles_per_stage()
    {
        InMemoryHistoryStore store = NewStore();
        for (int ms = 1; ms <= 10; ms++)
        {
            store.OnMarketEvent(Tick("T", Noon.AddSeconds(ms), 0.40m, 0.45m, lagMs: ms));
        }

        store.OnMarketEvent(Quote("evt1", "fanduel", "Lakers", Noon, 0.5m, lagMs: -30)); // clock skew: counted as 0

        IReadOnlyList<StageLatency> stages = await store.GetLatencyAsync(Noon, Noon.AddHours(1), _ct);

        // Lags 1..10 ms: p50 = 5th of 10 = 5 ms, p90 = 9th = 9 ms, p99 = ceil(9.9) = 10th = 10 ms (not a max in disguise:
        // with 10 samples p99 and max coincide; see the next assertion for p90 != max).
        Assert.Equal(new StageLatency("kalshi_ticks", 5, 9, 10, 10), stages[0]);
        Assert.Equal(new StageLatency("sportsbook_odds", 0, 0, 0, 1), stages[1]);
        Assert.Equal(2, stages.Count);
    }

    [Fact]
    public async Task Latest_mapping_and_settlement_per_ticker_win()
    {
        InMemoryHistoryStore store = NewStore();
        await store.RecordMappingAsync(Mapping("T", "Lakers", false, false, SettlementEquivalence.Caution, Noon), _ct);
        await store.RecordMappingAsync(Mapping("T", "Lakers", true, true, SettlementEquivalence.Safe, Noon.AddMinutes(1)), _ct);
        await store.RecordMappingAsync(Mapping("A", "Celtics", false, true, SettlementEquivalence.Block, Noon), _ct);
        await store.RecordSettlementAsync(new Settlement("T", SettlementResult.No, "kalshi", Noon), _ct);
        await store.RecordSettlementAsync(new Settlement("T", SettlementResult.Yes, "manual", Noon.AddHours(1)), _ct);

        IReadOnlyList<EventMapping> mappings = await store.GetMappingsAsync(_ct);
        IReadOnlyList<Settlement> settlements = await store.GetSettlementsAsync(_ct);

        Assert.Equal(["A", "T"], mappings.Select(m => m.KalshiTicker));
        Assert.True(mappings[1].Inverted);
        Assert.Equal(SettlementResult.Yes, Assert.Single(settlements).Result);
    }

    [Fact]
    public async Task Opportunities_and_executions_are_returned_by_range_oldest_first()
    {
        InMemoryHistoryStore store = NewStore();
        store.OnOpportunity(Opportunity("B", OpportunityState.Open, "U", Noon.AddMinutes(5)));
        store.OnOpportunity(Opportunity("A", OpportunityState.Open, "T", Noon));
        store.OnOpportunity(Opportunity("A", OpportunityState.Close, "T", Noon.AddMinutes(30)));
        await store.RecordExecutionAsync(Execution("e1", "A", "T", Side.Yes, 0.45m, 10m, 0.18m, Noon.AddMinutes(1)), _ct);
        await store.RecordExecutionAsync(Execution("e0", "A", "T", Side.Yes, 0.45m, 10m, 0.18m, Noon.AddHours(3)), _ct);

        IReadOnlyList<Opportunity> all = await store.GetOpportunitiesAsync(Noon, Noon.AddMinutes(30), null, _ct);
        IReadOnlyList<Opportunity> forT = await store.GetOpportunitiesAsync(Noon, Noon.AddHours(1), "T", _ct);
        IReadOnlyList<Execution> executions = await store.GetExecutionsAsync(Noon, Noon.AddHours(1), _ct);

        Assert.Equal([("A", OpportunityState.Open), ("B", OpportunityState.Open)], all.Select(o => (o.OpportunityId, o.State)));
        Assert.Equal([OpportunityState.Open, OpportunityState.Close], forT.Select(o => o.State));
        Assert.Equal("e1", Assert.Single(executions).ExecutionId);
    }

    [Fact]
    public async Task Buffers_are_bounded_per_ticker_and_by_retention()
    {
        InMemoryHistoryStore store = NewStore(new InMemoryHistoryOptions { MaxTicksPerTicker = 3, Retention = TimeSpan.FromHours(1) });
        for (int i = 0; i < 5; i++)
        {
            store.OnMarketEvent(Tick("T", Noon.AddHours(1).AddMinutes(30).AddSeconds(i), 0.40m + (i / 100m), 0.50m));
        }

        store.OnMarketEvent(Tick("OLD", Noon, 0.1m, 0.2m)); // 2 h old at 14:00 with a 1 h retention

        IReadOnlyList<QuoteBar> bars = await store.GetQuoteBarsAsync("T", Noon, Noon.AddHours(2), TimeSpan.FromHours(1), _ct);

        // Only the newest 3 of 5 ticks remain: bids 0.42, 0.43, 0.44.
        QuoteBar bar = Assert.Single(bars);
        Assert.Equal(3, bar.Ticks);
        Assert.Equal(0.42m, bar.YesBidFirst);
        Assert.Empty(await store.GetQuoteBarsAsync("OLD", Noon, Noon.AddHours(2), TimeSpan.FromHours(1), _ct));
        // Evicted: 2 ticks over the bound, the old tick, and the old tick's latency sample.
        Assert.Equal(4, store.GetHealth().Figures["evicted"]);
    }

    [Fact]
    public void Health_says_history_is_in_memory()
    {
        ComponentHealth health = NewStore().GetHealth();
        Assert.Equal(HealthLevel.Degraded, health.Level);
        Assert.Contains("in memory", health.Message, StringComparison.Ordinal);
        Assert.Equal("in-memory", NewStore().Backend);
    }

    [Fact]
    public async Task Each_fill_gets_its_markets_last_tick_at_or_before_it_within_five_minutes()
    {
        InMemoryHistoryStore store = NewStore();
        FillQuoteScenario.Feed(store);
        await FillQuoteScenario.RecordAsync(store, _ct);

        FillQuoteScenario.AssertAnswers(await store.GetFillQuotesAsync(FillQuoteScenario.From, FillQuoteScenario.To, _ct));
    }
}
