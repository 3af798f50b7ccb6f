using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.InMemory;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Infrastructure;
using KalshiArb.Tests.Simulator;
using KalshiArb.Web.Services;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Web;

/// <summary>
/// One seeded simulated minute, through the real market state and detector, is recorded into QuestDB and into the
/// in-memory fallback alike; the dashboard's query services (Performance page, Markets chart, opportunity history,
/// P&amp;L) must then show the same thing from either store. QuestDB keeps money as DOUBLE, so amounts computed by
/// the detector agree to 1e-9 of a dollar, and percentiles to HdrHistogram's 0.1%.
/// </summary>
[Trait("Category", "QuestDb")]
[Collection(QuestDbServerCollection.Name)]
public sealed class DashboardAgreementTests(QuestDbFixture questDb) : IAsyncLifetime
{
    private readonly string _spoolDir = Directory.CreateTempSubdirectory("kalshiarb-dash-spool-").FullName;
    private QuestDbSql? _created;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_created is not null)
        {
            await questDb.DropTablesAsync(_created);
        }

        Directory.Delete(_spoolDir, recursive: true);
    }

    [Fact]
    public async Task The_pages_show_the_same_from_QuestDB_and_from_the_in_memory_history()
    {
        questDb.SkipIfUnavailable();
        CancellationToken ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(SimulatorTestKit.Start);
        QuestDbOptions options = questDb.Options(questDb.NewTablePrefix(), _spoolDir);
        _created = new QuestDbSql(options.TablePrefix);
        // The writer's retries and the WAL wait run on real time; the run's own timestamps come from the simulator's clock.
        await using QuestDbHistoryStore questDbStore = await QuestDbHistoryStore.CreateAsync(options, TimeProvider.System, null, ct);
        var memoryStore = new Ingestion.Storage.InMemory.InMemoryHistoryStore(new InMemoryHistoryOptions(), time);
        IHistoryStore[] stores = [questDbStore, memoryStore];

        // The run: 12,000 events at 200/s (one virtual minute), the clock following the events.
        MarketSimulator simulator = SimulatorTestKit.Create(seed: 7, time: time);
        var state = new MarketState();
        MappingRegistry mappings = SimulatorTestKit.Mappings(simulator);
        var detector = new Detector(state, mappings, new FeeScheduleRegistry(), new DetectionOptions(), time);
        var opened = new List<Opportunity>();
        foreach (MarketEvent e in simulator.Generate(12_000, SimulatorTestKit.Start.UtcDateTime))
        {
            if (e.ReceivedAt > time.GetUtcNow().UtcDateTime)
            {
                time.SetUtcNow(e.ReceivedAt);
            }

            foreach (IHistoryStore store in stores)
            {
                store.OnMarketEvent(e);
            }

            if (state.Apply(e))
            {
                foreach (Opportunity transition in detector.OnEvent(e))
                {
                    foreach (IHistoryStore store in stores)
                    {
                        store.OnOpportunity(transition);
                    }

                    if (transition.State == OpportunityState.Open)
                    {
                        opened.Add(transition);
                    }
                }
            }
        }

        Assert.True(opened.Count >= 2, $"the run opened {opened.Count} opportunities; the comparison needs two");
        DateTime end = time.GetUtcNow().UtcDateTime;
        Opportunity first = opened[0], second = opened[^1];
        Execution[] executions =
        [
            new("dash-1", first.OpportunityId, first.KalshiTicker, first.Side, 0.40m, 0.41m, 10m, 0.17m, null, null, null, null, null, null, null, null, end),
            new("dash-2", second.OpportunityId, second.KalshiTicker, second.Side, 0.30m, 0.30m, 5m, 0.08m, null, null, null, null, null, null, null, null, end.AddSeconds(1)),
        ];
        foreach (IHistoryStore store in stores)
        {
            foreach (EventMapping mapping in simulator.Mappings)
            {
                await store.RecordMappingAsync(mapping, ct);
            }

            foreach (Execution execution in executions)
            {
                await store.RecordExecutionAsync(execution, ct);
            }

            await store.RecordSettlementAsync(new Settlement(first.KalshiTicker, SettlementResult.Yes, "kalshi", end.AddSeconds(2)), ct);
        }

        await questDbStore.Writer.FlushAsync(ct);
        await questDbStore.WaitForWalAppliedAsync(TimeSpan.FromSeconds(60), ct);
        time.SetUtcNow(end.AddMinutes(5));
        var market = new FakeMarketReader();
        foreach (EventMapping mapping in simulator.Mappings)
        {
            market.MappingRegistry.Upsert(mapping);
        }

        foreach (KalshiMarketInfo info in simulator.Markets)
        {
            if (state.GetTick(info.Ticker) is { } tick)
            {
                market.Ticks[info.Ticker] = tick;
            }
        }

        // Performance page.
        PerformanceSummary fromQuestDb = await Performance(questDbStore, market, time).LoadAsync(TimeSpan.FromHours(1), ct);
        PerformanceSummary fromMemory = await Performance(memoryStore, market, time).LoadAsync(TimeSpan.FromHours(1), ct);
        Assert.Equal(fromMemory.HitRate, fromQuestDb.HitRate);
        Assert.Equal(fromMemory.BySport, fromQuestDb.BySport);
        Assert.Equal(fromMemory.ByEdge, fromQuestDb.ByEdge);
        Assert.Equal((fromMemory.Pnl.Realized, fromMemory.Pnl.Marked, fromMemory.Pnl.Fees), (fromQuestDb.Pnl.Realized, fromQuestDb.Pnl.Marked, fromQuestDb.Pnl.Fees));
        Assert.Equal(fromMemory.Pnl.Daily, fromQuestDb.Pnl.Daily);
        Assert.Equal(fromMemory.Pnl.Executions, fromQuestDb.Pnl.Executions);
        Assert.NotEqual(0m, fromQuestDb.Pnl.Realized);
        foreach (StageLatency exact in fromMemory.Latency)
        {
            StageLatency approx = Assert.Single(fromQuestDb.Latency, l => l.Stage == exact.Stage);
            Assert.Equal(exact.Samples, approx.Samples);
            Assert.Equal(exact.P50Ms, approx.P50Ms, (exact.P50Ms * 0.001) + 0.001);
            Assert.Equal(exact.P99Ms, approx.P99Ms, (exact.P99Ms * 0.001) + 0.001);
        }

        // Markets chart of the markets with opportunities (bars, fair probability of YES, markers).
        foreach (string ticker in opened.Select(o => o.KalshiTicker).Distinct().Take(3))
        {
            MarketSeries q = await new MarketSeriesService(questDbStore, market, time).LoadAsync(ticker, ChartWindow.FifteenMinutes, ct);
            MarketSeries m = await new MarketSeriesService(memoryStore, market, time).LoadAsync(ticker, ChartWindow.FifteenMinutes, ct);
            Assert.NotEmpty(m.Bars);
            Assert.Equal(m.Bars, q.Bars);
            Assert.Equal(m.FairYes.Select(p => (p.Ts, p.Books)), q.FairYes.Select(p => (p.Ts, p.Books)));
            Assert.All(m.FairYes.Zip(q.FairYes), pair => Assert.Equal((double)pair.First.FairProb, (double)pair.Second.FairProb, 9));
            Assert.Equal(m.Markers.Select(k => (k.OpportunityId, k.Ts, k.Side, k.Kind)), q.Markers.Select(k => (k.OpportunityId, k.Ts, k.Side, k.Kind)));
            Assert.All(m.Markers.Zip(q.Markers), pair =>
            {
                // A walked (volume-weighted) price has more digits than a double keeps: equal to 1e-9.
                Assert.Equal((double)pair.First.YesPrice, (double)pair.Second.YesPrice, 9);
                Assert.Equal((double)pair.First.EdgePct, (double)pair.Second.EdgePct, 9);
            });
        }

        // Opportunity history.
        IReadOnlyList<Opportunity> historyQ = await questDbStore.GetOpportunitiesAsync(SimulatorTestKit.Start.UtcDateTime, end.AddMinutes(1), null, ct);
        IReadOnlyList<Opportunity> historyM = await memoryStore.GetOpportunitiesAsync(SimulatorTestKit.Start.UtcDateTime, end.AddMinutes(1), null, ct);
        Assert.Equal(historyM.Select(o => (o.OpportunityId, o.State, o.Kind, o.KalshiTicker, o.Book, o.Side, o.Ts, o.FirstSeen)), historyQ.Select(o => (o.OpportunityId, o.State, o.Kind, o.KalshiTicker, o.Book, o.Side, o.Ts, o.FirstSeen)));
        Assert.All(historyM.Zip(historyQ), pair =>
        {
            Assert.Equal((double)pair.First.Profit, (double)pair.Second.Profit, 9);
            Assert.Equal((double)pair.First.EdgePct, (double)pair.Second.EdgePct, 9);
        });
    }

    private static PerformanceService Performance(IHistoryStore store, IMarketReader market, TimeProvider time) =>
        new(store, new PnlService(store, market, time), market, time);
}
