using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Simulator;

public sealed class SimulatorDetectionTests(ITestOutputHelper output)
{
    [Fact]
    public void The_simulators_dislocations_open_and_close_real_opportunities_of_both_kinds()
    {
        // 200 events/s for 60 virtual seconds, through the real market state and detector with default thresholds
        // (1% edge, $0.50 profit after fees), the clock following the events' receive stamps.
        var time = new FakeTimeProvider(SimulatorTestKit.Start);
        MarketSimulator simulator = SimulatorTestKit.Create(time: time);
        var state = new MarketState();
        MappingRegistry mappings = SimulatorTestKit.Mappings(simulator);

        var detector = new Detector(state, mappings, new FeeScheduleRegistry(), new DetectionOptions(), time);
        var transitions = new List<Opportunity>();
        foreach (MarketEvent e in simulator.Generate(12_000, SimulatorTestKit.Start.UtcDateTime))
        {
            if (e.ReceivedAt > time.GetUtcNow().UtcDateTime)
            {
                time.SetUtcNow(e.ReceivedAt);
            }

            if (state.Apply(e))
            {
                transitions.AddRange(detector.OnEvent(e));
            }
        }

        Opportunity[] opened = transitions.Where(o => o.State == OpportunityState.Open).ToArray();
        output.WriteLine($"{simulator.Dislocations} dislocations, {opened.Length} opens ({opened.Count(o => o.Kind == OpportunityKind.PositiveEv)} +EV, {opened.Count(o => o.Kind == OpportunityKind.HedgedArb)} hedged), {transitions.Count(o => o.State == OpportunityState.Close)} closes");
        Assert.Contains(opened, o => o.Kind == OpportunityKind.PositiveEv);
        Assert.Contains(opened, o => o.Kind == OpportunityKind.HedgedArb);
        Assert.All(opened, o =>
        {
            Assert.True(o.EdgePct >= 1m, $"{o.KalshiTicker} opened at {o.EdgePct}%");
            Assert.True(o.Profit >= 0.50m, $"{o.KalshiTicker} opened with ${o.Profit}");
            Assert.Equal(SettlementEquivalence.Safe, o.Equivalence);
        });

        // Edges come from the deliberate mispricings, not from noise: a handful of opportunities per mispricing
        // (one +EV and a hedge per book that beats the others), not hundreds.
        Assert.InRange(opened.Length, 1, simulator.Dislocations * 8);

        // Mispricings are corrected after a few seconds, so opportunities do not stay open for good.
        Assert.Contains(transitions, o => o.State == OpportunityState.Close);
        Assert.True(detector.OpenOpportunities.Count < opened.Length, "every opportunity is still open");
    }
}
