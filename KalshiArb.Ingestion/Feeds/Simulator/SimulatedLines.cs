using System.Globalization;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Ingestion.Feeds.Simulator;

/// <summary>
/// A simulated game's spread and total markets: one Kalshi spread market ("home wins by over S") and one total market
/// ("Over T"), and every book's <c>spreads</c> and <c>totals</c> lines, all priced from a normal margin/total with the
/// sport's σ (<see cref="LineSigma"/>) around the game's home probability. Half the books quote the spread at Kalshi's
/// strike, the others a point further; every book quotes the total a point either side of Kalshi's, so the total is
/// priced by the line model. Kalshi's line offers sit a few cents under fair (a slow line market) so both show as
/// opportunities on a fresh dashboard. Refreshed together (<see cref="RefreshEvery"/>), well within the detector's quote ages.
/// </summary>
internal sealed class SimulatedLines
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(20);

    private const decimal OfferDiscount = 0.04m;

    private readonly SimulatedGame _game;
    private readonly double _spreadSigma;
    private readonly double _totalSigma;
    private readonly double _totalMean;

    public SimulatedLines(SimulatedGame game, string eventTicker, SimulatedTeam away, SimulatedTeam home, DateTime commence, TimeSpan latency)
    {
        _game = game;
        SimulatedLeague league = game.League;
        _spreadSigma = (double)LineSigma.For(league.SportKey, LineText.Spreads)!.Value;
        _totalSigma = (double)LineSigma.For(league.SportKey, LineText.Totals)!.Value;
        // Typical full-game totals: NFL 45 points, NBA 225, MLB 8.5 runs, NHL 6 goals.
        _totalMean = league.Name switch { "NFL" => 45, "NBA" => 225, "MLB" => 8.5, _ => 6 };
        // Kalshi's strikes: the half point nearest the favourite's expected margin (at least ½), and the expected total's.
        SpreadStrike = Math.Max(0.5m, HalfPoint(_spreadSigma * Normal.InverseCdf(game.HomeProbability)));
        TotalStrike = HalfPoint(_totalMean);
        string matchup = $"{away.Name} at {home.Name}";
        string spreadEvent = eventTicker.Replace("GAME", "SPREAD", StringComparison.Ordinal);
        string totalEvent = eventTicker.Replace("GAME", "TOTAL", StringComparison.Ordinal);
        string s = SpreadStrike.ToString("0.#", CultureInfo.InvariantCulture), t = TotalStrike.ToString("0.#", CultureInfo.InvariantCulture);
        Spread = new SimulatedMarket(
            new KalshiMarketInfo($"{spreadEvent}-{home.Code}{Math.Ceiling(SpreadStrike)}", spreadEvent, league.SeriesTicker.Replace("GAME", "SPREAD", StringComparison.Ordinal),
                $"{matchup}: Spread", $"{home.Name} wins by over {s} points", "active", commence.AddDays(14),
                $"If {home.Name} wins the {matchup} game by more than {s} points, then the market resolves to Yes.", SimulatedMarket.Grid, null, "greater", SpreadStrike),
            isHome: true,
            latency);
        Total = new SimulatedMarket(
            new KalshiMarketInfo($"{totalEvent}-{Math.Ceiling(TotalStrike)}", totalEvent, league.SeriesTicker.Replace("GAME", "TOTAL", StringComparison.Ordinal),
                $"{matchup}: Total Points", $"Over {t} points scored", "active", commence.AddDays(14),
                $"If the teams score more than {t} points in the {matchup} game, then the market resolves to Yes.", SimulatedMarket.Grid, null, "greater", TotalStrike),
            isHome: true,
            latency);
    }

    public decimal SpreadStrike { get; }

    public decimal TotalStrike { get; }

    public SimulatedMarket Spread { get; }

    public SimulatedMarket Total { get; }

    /// <summary>Confirmed mappings of both markets to the books' lines at Kalshi's strikes, with the league's settlement defaults.</summary>
    public IEnumerable<EventMapping> Mappings(DateTime created)
    {
        SportsEvent e = _game.Event;
        bool cautious = _game.League.Name is "MLB" or "NHL";
        SettlementEquivalence equivalence = cautious ? SettlementEquivalence.Caution : SettlementEquivalence.Safe;
        string kalshiTie = cautious && _game.League.Name == "NHL" ? "unknown" : "none";
        yield return new EventMapping(Spread.Ticker, e.EventId, e.SportKey, LineText.Spreads, e.HomeTeam, false, true, true, kalshiTie, "none", "void", "void", equivalence, true, MarketSimulator.FeedName, created, -SpreadStrike);
        yield return new EventMapping(Total.Ticker, e.EventId, e.SportKey, LineText.Totals, "Over", false, true, true, kalshiTie, "none", "void", "void", equivalence, true, MarketSimulator.FeedName, created, TotalStrike);
    }

    /// <summary>Both Kalshi markets (opened the first time, requoted after) at the offer under fair, then every book's lines.</summary>
    public void Quote(bool open, SimulatedSportsbooks sportsbooks, Random rng, DateTime now, List<MarketEvent> output)
    {
        double margin = _spreadSigma * Normal.InverseCdf(_game.HomeProbability);
        foreach ((SimulatedMarket market, double fair) in new[] { (Spread, Over(margin, (double)SpreadStrike, _spreadSigma)), (Total, Over(_totalMean, (double)TotalStrike, _totalSigma)) })
        {
            decimal ask = Math.Clamp(Math.Floor(((decimal)fair - OfferDiscount) * 100m) / 100m, 0.02m, 0.98m);
            if (open)
            {
                market.Open(ask - SimulatedMarket.TickSize, ask, rng, now - market.Latency, now, output);
            }
            else
            {
                market.Requote(ask - SimulatedMarket.TickSize, ask, null, rng, now - market.Latency, now, output);
            }
        }

        SportsEvent e = _game.Event;
        for (int book = 0; book < sportsbooks.Books.Count; book++)
        {
            decimal spreadLine = SpreadStrike + (book % 2);
            decimal totalLine = TotalStrike + (book % 2 == 0 ? -1m : 1m);
            double home = Over(margin, (double)spreadLine, _spreadSigma);
            double over = Over(_totalMean, (double)totalLine, _totalSigma);
            DateTime lastUpdate = now - sportsbooks.Delays[book];
            string name = sportsbooks.Books[book];
            sportsbooks.AddPair(e, name, LineText.Spreads, (e.HomeTeam, -spreadLine, sportsbooks.Price(home)), (e.AwayTeam, spreadLine, sportsbooks.Price(1 - home)), lastUpdate, now);
            sportsbooks.AddPair(e, name, LineText.Totals, ("Over", totalLine, sportsbooks.Price(over)), ("Under", totalLine, sportsbooks.Price(1 - over)), lastUpdate, now);
        }
    }

    /// <summary>P(X > line) for a half-point line under X ~ Normal(mean, σ).</summary>
    private static double Over(double mean, double line, double sigma) => Math.Clamp(Normal.Cdf((mean - line) / sigma), 0.05, 0.95);

    private static decimal HalfPoint(double value) => (decimal)Math.Floor(value) + 0.5m;
}
