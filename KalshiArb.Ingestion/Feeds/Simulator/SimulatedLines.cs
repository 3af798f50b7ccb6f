using System.Globalization;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Ingestion.Feeds.Simulator;

/// <summary>
/// A simulated game's spread and total markets: one Kalshi spread market ("the favourite wins by over S") and one total market
/// ("Over T"), and every book's <c>spreads</c> and <c>totals</c> lines, all priced from a normal margin/total with the
/// sport's σ (<see cref="LineSigma"/>) around the game's home probability. Half the books quote the spread at Kalshi's
/// strike, the others a point further; every book quotes the total a point either side of Kalshi's, so the total is
/// priced by the line model. Kalshi's market maker quotes the same model's fair at Kalshi's strike, so a line shows an
/// edge only while mispriced (<see cref="SimulatedLineMarkets"/>). Refreshed together (<see cref="RefreshEvery"/>), well
/// within the detector's quote ages.
/// </summary>
internal sealed class SimulatedLines
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(20);

    private readonly SimulatedGame _game;
    private readonly double _spreadSigma;
    private readonly double _totalSigma;
    private readonly double _totalMean;
    private readonly bool _favouriteIsHome;

    public SimulatedLines(SimulatedGame game, string eventTicker, SimulatedTeam away, SimulatedTeam home, DateTime commence, TimeSpan latency)
    {
        _game = game;
        SimulatedLeague league = game.League;
        _spreadSigma = (double)LineSigma.For(league.SportKey, LineText.Spreads)!.Value;
        _totalSigma = (double)LineSigma.For(league.SportKey, LineText.Totals)!.Value;
        // Typical full-game totals: NFL 45 points, NBA 225, MLB 8.5 runs, NHL 6 goals.
        _totalMean = league.Name switch { "NFL" => 45, "NBA" => 225, "MLB" => 8.5, _ => 6 };
        // Kalshi lists the spread on the favourite at its start. Strikes: the half point nearest the favourite's expected
        // margin (at least ½), and the expected total's; so both markets open near even money, as listed lines do.
        _favouriteIsHome = game.HomeProbability >= 0.5;
        SimulatedTeam favourite = _favouriteIsHome ? home : away;
        SpreadStrike = Math.Max(0.5m, HalfPoint(FavouriteMargin()));
        TotalStrike = HalfPoint(_totalMean);
        string matchup = $"{away.Name} at {home.Name}";
        string spreadEvent = eventTicker.Replace("GAME", "SPREAD", StringComparison.Ordinal);
        string totalEvent = eventTicker.Replace("GAME", "TOTAL", StringComparison.Ordinal);
        string s = SpreadStrike.ToString("0.#", CultureInfo.InvariantCulture), t = TotalStrike.ToString("0.#", CultureInfo.InvariantCulture);
        Spread = new SimulatedMarket(
            new KalshiMarketInfo($"{spreadEvent}-{favourite.Code}{Math.Ceiling(SpreadStrike)}", spreadEvent, league.SeriesTicker.Replace("GAME", "SPREAD", StringComparison.Ordinal),
                $"{matchup}: Spread", $"{favourite.Name} wins by over {s} points", "active", commence.AddDays(14),
                $"If {favourite.Name} wins the {matchup} game by more than {s} points, then the market resolves to Yes.", SimulatedMarket.Grid, null, "greater", SpreadStrike),
            isHome: _favouriteIsHome,
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
        yield return new EventMapping(Spread.Ticker, e.EventId, e.SportKey, LineText.Spreads, Favourite(e), false, true, true, kalshiTie, "none", "void", "void", equivalence, true, MarketSimulator.FeedName, created, -SpreadStrike);
        yield return new EventMapping(Total.Ticker, e.EventId, e.SportKey, LineText.Totals, "Over", false, true, true, kalshiTie, "none", "void", "void", equivalence, true, MarketSimulator.FeedName, created, TotalStrike);
    }

    /// <summary>
    /// YES's fair probability under the line model the pricer uses (<see cref="LinePricer.AtLeast"/>): the spread from
    /// the favourite's margin the game's current home probability implies, the total from the league's typical total.
    /// </summary>
    public double FairYes(SimulatedMarket market)
        => market == Spread ? Over(FavouriteMargin(), SpreadStrike, _spreadSigma) : Over(_totalMean, TotalStrike, _totalSigma);

    /// <summary>Moves a Kalshi line market to a market maker's quote around fair, or to its resting cheap offer while dislocated.</summary>
    public void Requote(SimulatedMarket market, Random rng, DateTime now, List<MarketEvent> output)
    {
        if (market.IsDislocated(now))
        {
            decimal ask = market.DislocationAsk;
            market.Requote(ask - SimulatedMarket.TickSize, ask, market.DislocationSize, rng, now - market.Latency, now, output);
            return;
        }

        (decimal bid, decimal normalAsk) = KalshiMarketMaker.NormalQuote(FairYes(market), rng);
        market.Requote(bid, normalAsk, null, rng, now - market.Latency, now, output);
    }

    /// <summary>Both Kalshi markets (opened the first time, requoted after), then every book's lines.</summary>
    public void Quote(bool open, SimulatedSportsbooks sportsbooks, Random rng, DateTime now, List<MarketEvent> output)
    {
        foreach (SimulatedMarket market in new[] { Spread, Total })
        {
            if (open)
            {
                (decimal bid, decimal ask) = KalshiMarketMaker.NormalQuote(FairYes(market), rng);
                market.Open(bid, ask, rng, now - market.Latency, now, output);
            }
            else
            {
                Requote(market, rng, now, output);
            }
        }

        double margin = FavouriteMargin();
        SportsEvent e = _game.Event;
        string favourite = Favourite(e), underdog = _favouriteIsHome ? e.AwayTeam : e.HomeTeam;
        for (int book = 0; book < sportsbooks.Books.Count; book++)
        {
            decimal spreadLine = SpreadStrike + (book % 2);
            decimal totalLine = TotalStrike + (book % 2 == 0 ? -1m : 1m);
            double covers = Over(margin, spreadLine, _spreadSigma);
            double over = Over(_totalMean, totalLine, _totalSigma);
            DateTime lastUpdate = now - sportsbooks.Delays[book];
            string name = sportsbooks.Books[book];
            sportsbooks.AddPair(e, name, LineText.Spreads, (favourite, -spreadLine, sportsbooks.Price(covers)), (underdog, spreadLine, sportsbooks.Price(1 - covers)), lastUpdate, now);
            sportsbooks.AddPair(e, name, LineText.Totals, ("Over", totalLine, sportsbooks.Price(over)), ("Under", totalLine, sportsbooks.Price(1 - over)), lastUpdate, now);
        }
    }

    /// <summary>The favourite's expected margin: the normal margin whose P(margin &gt; 0) is its win probability (negative should it become the underdog).</summary>
    private double FavouriteMargin()
    {
        double homeMargin = _spreadSigma * Normal.InverseCdf(_game.HomeProbability);
        return _favouriteIsHome ? homeMargin : -homeMargin;
    }

    private string Favourite(SportsEvent e) => _favouriteIsHome ? e.HomeTeam : e.AwayTeam;

    /// <summary>P(X &gt; line) for a half-point line under X ~ Normal(mean, σ) read as the pricer reads it, kept off the extremes.</summary>
    private static double Over(double mean, decimal line, double sigma) => Math.Clamp(LinePricer.AtLeast(Math.Floor((double)line) + 1, mean, sigma), 0.05, 0.95);

    private static decimal HalfPoint(double value) => (decimal)Math.Floor(value) + 0.5m;
}
