using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Simulator;

/// <summary>
/// The simulator's opportunities look like real Kalshi-versus-sportsbook ones: mostly small edges, rarely above 10%,
/// gone within seconds to minutes. Measured through the real market state and detector on a virtual clock.
/// </summary>
public sealed class SimulatorEdgeDistributionTests(ITestOutputHelper output)
{
    [Fact]
    public void A_seeded_run_opens_mostly_small_short_lived_edges()
    {
        // 200 events/s for 1,500 virtual seconds with a mispricing every 5 s on average (about 300 mispricings; the
        // default is one every 30 s, the distributions are per mispricing),
        // the default edge and lifetime distributions, the detector's default thresholds (1% edge, $0.50).
        var time = new FakeTimeProvider(SimulatorTestKit.Start);
        var options = new SimulatorOptions { Seed = 7, EventsPerSecond = 200, Games = 12, DislocationEverySeconds = 5 };
        var simulator = new MarketSimulator(options, time);
        var state = new MarketState();
        MappingRegistry mappings = SimulatorTestKit.Mappings(simulator);
        var detector = new Detector(state, mappings, new FeeScheduleRegistry(), new DetectionOptions(), time);
        var opened = new Dictionary<string, Opportunity>(StringComparer.Ordinal);
        var lifetimes = new List<double>();
        foreach (MarketEvent e in simulator.Generate(300_000, SimulatorTestKit.Start.UtcDateTime))
        {
            if (e.ReceivedAt > time.GetUtcNow().UtcDateTime)
            {
                time.SetUtcNow(e.ReceivedAt);
            }

            if (!state.Apply(e))
            {
                continue;
            }

            foreach (Opportunity o in detector.OnEvent(e))
            {
                if (o.State == OpportunityState.Open)
                {
                    opened[o.OpportunityId] = o;
                }
                else if (o.State == OpportunityState.Close && opened.TryGetValue(o.OpportunityId, out Opportunity? first))
                {
                    lifetimes.Add((o.Ts - first.FirstSeen).TotalSeconds);
                }
            }
        }

        decimal[] edges = [.. opened.Values.Select(o => o.EdgePct).Order()];
        double above10 = (double)edges.Count(e => e > 10m) / edges.Length;
        double under3 = (double)edges.Count(e => e < 3m) / edges.Length;
        double[] sorted = [.. lifetimes.Order()];
        double medianLifetime = sorted[sorted.Length / 2];
        output.WriteLine($"{simulator.Dislocations} mispricings, {edges.Length} opportunities ({opened.Values.Count(o => o.Kind == OpportunityKind.HedgedArb)} hedged), {lifetimes.Count} closed");
        output.WriteLine($"edge: median {edges[edges.Length / 2]}%, under 3% {under3:P1}, above 10% {above10:P1}, max {edges[^1]}%");
        output.WriteLine($"lifetime: median {medianLifetime:0.0} s, p10 {sorted[sorted.Length / 10]:0.0} s, p90 {sorted[sorted.Length * 9 / 10]:0.0} s");

        Assert.InRange(simulator.Dislocations, 200, 400);
        Assert.True(edges.Length >= 100, $"only {edges.Length} opportunities opened");
        // Most edges under 3%, few above 10% (the default mean edge is 2%: about 1% of detected ones exceed 10%).
        Assert.True(under3 >= 0.5, $"{under3:P1} of opportunities under 3% edge");
        Assert.True(above10 <= 0.03, $"{above10:P1} of opportunities above 10% edge");
        // Seconds to minutes: a median lifetime of 20 s is configured; the detector closes earlier when the
        // consensus moves the edge under its threshold, never later than the market's correction.
        Assert.InRange(medianLifetime, 5, 60);
        // Not every mispricing is worth a trade, and one seldom opens more than a couple of opportunities.
        Assert.InRange(edges.Length, simulator.Dislocations / 3, simulator.Dislocations * 2);
    }
}
