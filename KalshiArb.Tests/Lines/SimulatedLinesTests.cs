using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Lines;

/// <summary>With line markets on, the simulator adds a spread and a total market per game, whose opportunities the detector prices.</summary>
public sealed class SimulatedLinesTests
{
    private static readonly DateTime T0 = new(2026, 11, 29, 18, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Each_game_gets_a_spread_and_a_total_that_detection_prices_same_line_and_by_model()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(T0));
        var simulator = new MarketSimulator(new SimulatorOptions { LineMarkets = true, Games = 4 }, time);
        Assert.Equal(4, simulator.Markets.Count(m => m.SeriesTicker.EndsWith("SPREAD", StringComparison.Ordinal)));
        Assert.Equal(4, simulator.Markets.Count(m => m.SeriesTicker.EndsWith("TOTAL", StringComparison.Ordinal)));
        Assert.All(simulator.Markets.Where(m => KalshiLine.Parse(m) is not null), m =>
        {
            EventMapping mapping = Assert.Single(simulator.Mappings, x => x.KalshiTicker == m.Ticker);
            Assert.Equal(KalshiLine.Parse(m)!.BookPoint, mapping.Point);
        });

        var state = new MarketState();
        var mappings = new MappingRegistry();
        foreach (EventMapping mapping in simulator.Mappings)
        {
            mappings.Upsert(mapping);
        }

        var detector = new Detector(state, mappings, new FeeScheduleRegistry(), new DetectionOptions(), time);
        foreach (MarketEvent e in simulator.Generate(2000, T0))
        {
            state.Apply(e);
            detector.OnEvent(e);
        }

        IReadOnlyList<Opportunity> open = detector.OpenOpportunities;
        Assert.Contains(open, o => o.KalshiTicker.Contains("TOTAL-", StringComparison.Ordinal) && o.IsModelBased && o.Kind == OpportunityKind.PositiveEv);
        Assert.Contains(open, o => o.KalshiTicker.Contains("SPREAD-", StringComparison.Ordinal));
        Assert.DoesNotContain(open, o => o.IsModelBased && o.Kind == OpportunityKind.HedgedArb);
    }

    [Fact]
    public void Quoted_at_the_models_fair_a_line_market_shows_no_edge_until_it_is_mispriced()
    {
        // The first line mispricing comes 3 s after the open; until then all 24 line markets are quoted around the
        // model's fair, and the books' lines come from the same model: the detector must find nothing to trade.
        var time = new FakeTimeProvider(new DateTimeOffset(T0));
        var simulator = new MarketSimulator(new SimulatorOptions { LineMarkets = true, Games = 12 }, time);
        var state = new MarketState();
        var mappings = new MappingRegistry();
        foreach (EventMapping mapping in simulator.Mappings)
        {
            mappings.Upsert(mapping);
        }

        var detector = new Detector(state, mappings, new FeeScheduleRegistry(), new DetectionOptions(), time);
        int lineTicks = 0;
        foreach (MarketEvent e in simulator.Generate(550, T0))
        {
            time.SetUtcNow(e.ReceivedAt);
            state.Apply(e);
            Assert.DoesNotContain(detector.OnEvent(e), o => IsLine(o.KalshiTicker));
            lineTicks += e is KalshiTick t && IsLine(t.Ticker) ? 1 : 0;
        }

        Assert.Equal(24, lineTicks);
    }

    private static bool IsLine(string ticker) => ticker.Contains("SPREAD-", StringComparison.Ordinal) || ticker.Contains("TOTAL-", StringComparison.Ordinal);
}
