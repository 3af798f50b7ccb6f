using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage;
using static KalshiArb.Tests.Storage.HistoryFixtures;

namespace KalshiArb.Tests.Storage;

/// <summary>Ticks, quotes, opportunities, executions, settlements and mappings whose history reads are worked out by hand in the tests.</summary>
internal static class QuestDbHistoryScenario
{
    /// <summary>The shared scenario, fed to any history store.</summary>
    public static async Task FeedAsync(IHistoryStore store, CancellationToken ct)
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
}
