using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Simulator;

/// <summary>
/// The simulator's opportunities look like real Kalshi-versus-sportsbook ones: mostly small edges, rarely above 10%,
/// gone within seconds to minutes, on moneylines and on spread and total markets alike. Measured through the real
/// market state and detector on a virtual clock.
/// </summary>
/// <remarks>
/// The bounds follow from the configured distribution, not from a run: a mispricing's edge is exponential with a
/// mean of 2%, and the detector keeps those above its 1% threshold, so of the kept ones P(edge &lt; 3%) = 1 − e^(−1) ≈ 63%
/// and P(edge &gt; 10%) = e^(−4.5) ≈ 1.1%. The detector's fair scatters around the simulator's, and prices sit on a
/// one-cent grid, so the test asks for at least half under 3% and at most 3% above 10%. Lifetimes are log-normal with a
/// median of 20 s; the detector may close earlier, never later, so the median lies between 5 s and 60 s.
/// </remarks>
public sealed class SimulatorEdgeDistributionTests(ITestOutputHelper output)
{
    [Fact]
    public void A_seeded_run_opens_mostly_small_short_lived_edges()
    {
        // 200 events/s for 1,500 virtual seconds with a mispricing every 5 s on average (about 300 mispricings; the
        // default is one every 30 s, the distributions are per mispricing).
        (MarketSimulator simulator, List<Seen> seen) = Run(lineMarkets: false);

        AssertPlausible("moneylines", seen);
        Assert.InRange(simulator.Dislocations, 200, 400);
        // Not every mispricing is worth a trade, and one seldom opens more than a couple of opportunities.
        Assert.InRange(seen.Count, simulator.Dislocations / 3, simulator.Dislocations * 2);
    }

    [Fact]
    public void Spread_and_total_markets_open_edges_as_plausible_as_moneylines()
    {
        // The same run with line markets: about 300 line mispricings beside the moneyline ones. Outside them the
        // Kalshi line is quoted at the pricer's own fair, so almost every line opportunity is a mispricing's.
        (MarketSimulator simulator, List<Seen> seen) = Run(lineMarkets: true);
        Seen[] lines = [.. seen.Where(s => IsLine(s.Opened.KalshiTicker))];
        Seen[] moneylines = [.. seen.Where(s => !IsLine(s.Opened.KalshiTicker))];

        AssertPlausible("spreads and totals", lines);
        AssertPlausible("moneylines", moneylines);
        Assert.Contains(lines, s => s.Opened.KalshiTicker.Contains("SPREAD-", StringComparison.Ordinal));
        Assert.Contains(lines, s => s.Opened.IsModelBased);
        Assert.InRange(seen.Count, simulator.Dislocations / 3, simulator.Dislocations * 2);
    }

    private static bool IsLine(string ticker) => ticker.Contains("SPREAD-", StringComparison.Ordinal) || ticker.Contains("TOTAL-", StringComparison.Ordinal);

    private void AssertPlausible(string what, IReadOnlyCollection<Seen> seen)
    {
        Assert.True(seen.Count >= 100, $"only {seen.Count} {what} opportunities opened");
        decimal[] edges = [.. seen.Select(s => s.Opened.EdgePct).Order()];
        double above10 = (double)edges.Count(e => e > 10m) / edges.Length;
        double under3 = (double)edges.Count(e => e < 3m) / edges.Length;
        double[] lifetimes = [.. seen.Where(s => s.Lifetime is not null).Select(s => s.Lifetime!.Value).Order()];
        double medianLifetime = lifetimes[lifetimes.Length / 2];
        output.WriteLine($"{what}: {edges.Length} opportunities ({seen.Count(s => s.Opened.Kind == OpportunityKind.HedgedArb)} hedged, {seen.Count(s => s.Opened.IsModelBased)} model-based), {lifetimes.Length} closed");
        output.WriteLine($"  edge: median {edges[edges.Length / 2]}%, under 3% {under3:P1}, above 10% {above10:P1}, max {edges[^1]}%");
        output.WriteLine($"  lifetime: median {medianLifetime:0.0} s, p10 {lifetimes[lifetimes.Length / 10]:0.0} s, p90 {lifetimes[lifetimes.Length * 9 / 10]:0.0} s");

        Assert.True(under3 >= 0.5, $"{under3:P1} of {what} opportunities under 3% edge");
        Assert.True(above10 <= 0.03, $"{above10:P1} of {what} opportunities above 10% edge");
        Assert.InRange(medianLifetime, 5, 60);
    }

    /// <summary>Seed 7, 200 events/s for 1,500 virtual seconds, a mispricing every 5 s, the detector's default thresholds (1% edge, $0.50).</summary>
    private static (MarketSimulator Simulator, List<Seen> Seen) Run(bool lineMarkets)
    {
        var time = new FakeTimeProvider(SimulatorTestKit.Start);
        var options = new SimulatorOptions { Seed = 7, EventsPerSecond = 200, Games = 12, DislocationEverySeconds = 5, LineMarkets = lineMarkets };
        var simulator = new MarketSimulator(options, time);
        var state = new MarketState();
        var detector = new Detector(state, SimulatorTestKit.Mappings(simulator), new FeeScheduleRegistry(), new DetectionOptions(), time);
        var seen = new Dictionary<string, Seen>(StringComparer.Ordinal);
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
                    seen[o.OpportunityId] = new Seen(o, null);
                }
                else if (o.State == OpportunityState.Close && seen.TryGetValue(o.OpportunityId, out Seen? first))
                {
                    seen[o.OpportunityId] = first with { Lifetime = (o.Ts - first.Opened.FirstSeen).TotalSeconds };
                }
            }
        }

        return (simulator, [.. seen.Values]);
    }

    /// <summary>An opportunity as first opened, and how long it stayed open (null while still open).</summary>
    private sealed record Seen(Opportunity Opened, double? Lifetime);
}
