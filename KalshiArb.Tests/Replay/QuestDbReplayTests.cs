using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Replay;
using KalshiArb.Ingestion.Storage;
using KalshiArb.Ingestion.Storage.InMemory;
using KalshiArb.Ingestion.Storage.QuestDb;
using KalshiArb.Tests.Infrastructure;
using KalshiArb.Tests.Simulator;
using KalshiArb.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Replay;

/// <summary>The replay reads on a real QuestDB: the same answers as the in-memory history, and a simulated run replayed from it.</summary>
[Trait("Category", "QuestDb")]
[Collection(QuestDbServerCollection.Name)]
public sealed class QuestDbReplayTests(QuestDbFixture questDb) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly QuestDbTestStores _stores = new(questDb);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _stores.DisposeAsync();

    [Fact]
    public async Task Replay_reads_rebuild_the_book_and_give_the_window_and_the_rows_as_the_in_memory_history_does()
    {
        await using QuestDbHistoryStore store = await _stores.NewStoreAsync(_ct);
        var memory = new InMemoryHistoryStore(new InMemoryHistoryOptions(), new FakeTimeProvider(new DateTimeOffset(ReplayScenario.T0.AddHours(1))));
        ReplayScenario.Feed(store);
        ReplayScenario.Feed(memory);
        await store.Writer.FlushAsync(_ct);
        await store.WaitForWalAppliedAsync(Patience, _ct);

        foreach (IHistoryStore history in new IHistoryStore[] { store, memory })
        {
            IReadOnlyList<MarketEvent> events = await history.GetReplayEventsAsync(ReplayScenario.Scope, ReplayScenario.From, ReplayScenario.To, _ct);
            Assert.Equal(ReplayScenario.Expected, events.Select(ReplayScenario.Describe));

            IReadOnlyList<Opportunity> rows = await history.GetOpportunityRowsAsync("opp-a", ReplayScenario.From, ReplayScenario.To, _ct);
            Assert.Equal([OpportunityState.Open, OpportunityState.Update, OpportunityState.Close], rows.Select(r => r.State));
            Assert.Equal([2.5m, 3.0m, 3.0m], rows.Select(r => r.EdgePct));
        }

        Assert.Equal(0, store.Unreadable.Total);
    }

    [Fact]
    public async Task Every_opportunity_of_a_simulated_run_replays_from_QuestDB_to_the_logged_figures()
    {
        await using QuestDbHistoryStore store = await _stores.NewStoreAsync(_ct);
        var time = new FakeTimeProvider(SimulatorTestKit.Start);
        SimulatedRun run = SimulatedRun.Record(store, time);
        await store.Writer.FlushAsync(_ct);
        await store.WaitForWalAppliedAsync(Patience, _ct);
        Opportunity[] opened = [.. run.Opened];
        Assert.Contains(opened, o => o.Kind == OpportunityKind.PositiveEv);
        Assert.Contains(opened, o => o.Kind == OpportunityKind.HedgedArb);

        foreach (Opportunity open in opened)
        {
            ReplayResult replay = (await run.Replayer(store).ReplayAsync(open.OpportunityId, open.Ts, _ct))!;

            Assert.True(replay.AllAgree, $"{open.OpportunityId}: {string.Join(" | ", replay.Checks.Where(c => !c.Agrees).Select(c => $"{c.Logged.State} {c.Verdict}"))}");
            Assert.Equal(run.Transitions.Count(t => t.OpportunityId == open.OpportunityId), replay.Checks.Count);

            // Recomputed from quotes stored as DOUBLE, against what the detector emitted: equal to 1e-9 of their size
            // (docs/replay.md), the size exactly.
            ReplayCheck opening = replay.Checks[0];
            Assert.Equal(open.Size, opening.Recomputed!.Size);
            Assert.True(ReplayAgreement.Same(opening.Recomputed.EdgePct, open.EdgePct), $"edge {opening.Recomputed.EdgePct} vs {open.EdgePct}");
            Assert.True(ReplayAgreement.Same(opening.Recomputed.Profit, open.Profit), $"profit {opening.Recomputed.Profit} vs {open.Profit}");
        }

        Assert.Equal(0, store.Unreadable.Total);
    }

}
