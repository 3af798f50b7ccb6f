using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Replay;
using KalshiArb.Ingestion.Storage.InMemory;
using KalshiArb.Tests.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Replay;

/// <summary>The in-memory history's replay log and reads, and a replay of a simulated run recorded into it.</summary>
public sealed class ReplayStoreTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_replay_read_gives_the_book_from_its_last_snapshot_and_the_window_in_arrival_order()
    {
        var store = new InMemoryHistoryStore(new InMemoryHistoryOptions(), new FakeTimeProvider(new DateTimeOffset(ReplayScenario.T0.AddHours(1))));
        ReplayScenario.Feed(store);

        IReadOnlyList<MarketEvent> events = await store.GetReplayEventsAsync(ReplayScenario.Scope, ReplayScenario.From, ReplayScenario.To, _ct);

        Assert.Equal(ReplayScenario.Expected, events.Select(ReplayScenario.Describe));
    }

    [Fact]
    public async Task The_opportunity_read_gives_one_opportunitys_rows_in_the_window_oldest_first()
    {
        var store = new InMemoryHistoryStore(new InMemoryHistoryOptions(), new FakeTimeProvider(new DateTimeOffset(ReplayScenario.T0.AddHours(1))));
        ReplayScenario.Feed(store);

        IReadOnlyList<Opportunity> rows = await store.GetOpportunityRowsAsync("opp-a", ReplayScenario.From, ReplayScenario.To, _ct);

        Assert.Equal([OpportunityState.Open, OpportunityState.Update, OpportunityState.Close], rows.Select(r => r.State));
        Assert.Equal([2.5m, 3.0m, 3.0m], rows.Select(r => r.EdgePct));
    }

    [Fact]
    public async Task The_replay_log_keeps_the_newest_events_of_each_market_up_to_its_cap()
    {
        var options = new InMemoryHistoryOptions { MaxReplayEventsPerMarket = 3 };
        var store = new InMemoryHistoryStore(options, new FakeTimeProvider(new DateTimeOffset(ReplayScenario.T0.AddHours(1))));
        for (int i = 0; i < 5; i++)
        {
            DateTime at = ReplayScenario.T0.AddSeconds(i);
            store.OnMarketEvent(new KalshiTick(ReplayScenario.Ticker, 0.30m + (i / 100m), 0.40m, 10, 10, null, 0, 0, at, at));
        }

        IReadOnlyList<MarketEvent> events = await store.GetReplayEventsAsync(ReplayScenario.Scope, ReplayScenario.From, ReplayScenario.To, _ct);

        Assert.Equal([0.32m, 0.33m, 0.34m], events.Cast<KalshiTick>().Select(t => t.YesBid!.Value));
    }

    [Fact]
    public async Task Every_opportunity_of_a_simulated_run_replays_from_the_in_memory_history_to_the_logged_figures()
    {
        var time = new FakeTimeProvider(SimulatorTestKit.Start);
        var store = new InMemoryHistoryStore(new InMemoryHistoryOptions(), time);
        SimulatedRun run = SimulatedRun.Record(store, time);
        Opportunity[] opened = [.. run.Opened];
        Assert.NotEmpty(opened);
        Assert.Contains(opened, o => o.Kind == OpportunityKind.PositiveEv);
        Assert.Contains(opened, o => o.Kind == OpportunityKind.HedgedArb);

        foreach (Opportunity open in opened)
        {
            ReplayResult replay = (await run.Replayer(store).ReplayAsync(open.OpportunityId, open.Ts, _ct))!;

            Assert.True(replay.AllAgree, $"{open.OpportunityId}: {string.Join(" | ", replay.Checks.Where(c => !c.Agrees).Select(c => $"{c.Logged.State} {c.Verdict}"))}");
            Assert.Equal(run.Transitions.Count(t => t.OpportunityId == open.OpportunityId), replay.Checks.Count);

            // The memory keeps the records themselves: the recomputed figures are the logged ones exactly.
            ReplayCheck opening = replay.Checks[0];
            Assert.Equal(OpportunityState.Open, opening.Logged.State);
            Assert.Equal(open.EdgePct, opening.Recomputed!.EdgePct);
            Assert.Equal(open.Size, opening.Recomputed.Size);
            Assert.Equal(open.Profit, opening.Recomputed.Profit);
        }
    }
}
