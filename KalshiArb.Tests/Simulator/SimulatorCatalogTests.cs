using System.Text.RegularExpressions;
using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Tests.Simulator;

/// <summary>The simulator lists Kalshi-shaped markets with confirmed mappings, and its events name only those markets.</summary>
public sealed partial class SimulatorCatalogTests
{
    private static readonly DateTime Start = SimulatorTestKit.Start.UtcDateTime;

    [Fact]
    public void The_catalog_has_two_markets_per_game_with_confirmed_safe_mappings_to_real_teams()
    {
        MarketSimulator simulator = SimulatorTestKit.Create(games: 12);
        Assert.Equal(24, simulator.Markets.Count);
        Assert.Equal(12, simulator.Events.Count);
        Assert.Equal(24, simulator.Mappings.Count);
        Assert.Equal(["americanfootball_nfl", "baseball_mlb", "basketball_nba", "icehockey_nhl"], simulator.Events.Select(e => e.SportKey).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(24, simulator.Markets.Select(m => m.Ticker).Distinct().Count());
        Assert.Contains(simulator.Markets, m => m.Ticker == "KXNBAGAME-26NOV29LALBOS-LAL" && m.YesSubTitle == "Los Angeles Lakers");

        foreach (KalshiMarketInfo market in simulator.Markets)
        {
            Assert.Matches(TickerPattern(), market.Ticker);
            Assert.StartsWith(market.EventTicker + "-", market.Ticker, StringComparison.Ordinal);
            Assert.StartsWith(market.SeriesTicker + "-", market.EventTicker, StringComparison.Ordinal);
            Assert.Equal(PriceGrid.LinearCent, market.PriceGrid);
            EventMapping mapping = simulator.Mappings.Single(m => m.KalshiTicker == market.Ticker);
            SportsEvent game = simulator.Events.Single(e => e.EventId == mapping.EventId);
            Assert.Equal(market.YesSubTitle, mapping.Outcome);
            Assert.Contains(mapping.Outcome, new[] { game.HomeTeam, game.AwayTeam });
            Assert.Equal((true, SettlementEquivalence.Safe, "simulator", false, "h2h"), (mapping.Confirmed, mapping.Equivalence, mapping.Note, mapping.Inverted, mapping.MarketType));
        }

        var tickers = simulator.Markets.Select(m => m.Ticker).ToHashSet();
        Assert.All(simulator.Generate(5_000, Start).Select(TickerOf).OfType<string>(), ticker => Assert.Contains(ticker, tickers));
    }

    private static string? TickerOf(MarketEvent e) => e switch
    {
        KalshiTick t => t.Ticker,
        KalshiTrade t => t.Ticker,
        BookDelta d => d.Ticker,
        BookSnapshot s => s.Ticker,
        _ => null,
    };

    [GeneratedRegex(@"^KX(NBA|NFL|MLB|NHL)GAME-\d{2}[A-Z]{3}\d{2}[A-Z]{4,6}-[A-Z]{2,3}$")]
    private static partial Regex TickerPattern();
}
