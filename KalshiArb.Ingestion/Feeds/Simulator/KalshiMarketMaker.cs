using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Feeds.Simulator;

/// <summary>
/// Quotes the games' moneyline Kalshi markets as a fair market maker would: a mid within a fraction of a cent of the
/// game's probability, 1 to 3 ticks wide; a dislocated market instead shows its resting cheap offer.
/// </summary>
internal sealed class KalshiMarketMaker(Random rng, List<MarketEvent> output)
{
    /// <summary>Publishes both markets' first books.</summary>
    public void Open(SimulatedGame game, DateTime now)
    {
        foreach (SimulatedMarket market in new[] { game.Away, game.Home })
        {
            (decimal bid, decimal ask) = NormalQuote(FairYes(game, market), rng);
            market.Open(bid, ask, rng, now - market.Latency, now, output);
        }
    }

    public void Requote(SimulatedGame game, SimulatedMarket market, DateTime now)
    {
        if (market.IsDislocated(now))
        {
            decimal ask = market.DislocationAsk;
            market.Requote(ask - SimulatedMarket.TickSize, ask, market.DislocationSize, rng, now - market.Latency, now, output);
            return;
        }

        (decimal bid, decimal normalAsk) = NormalQuote(FairYes(game, market), rng);
        market.Requote(bid, normalAsk, null, rng, now - market.Latency, now, output);
    }

    /// <summary>A fair market maker's quote: a mid within a fraction of a cent of fair, 1 to 3 ticks wide.</summary>
    public static (decimal Bid, decimal Ask) NormalQuote(double fairYes, Random rng)
    {
        double mid = fairYes + (0.004 * (rng.NextDouble() - 0.5));
        int spreadTicks = rng.Next(1, 4);
        decimal bid = (decimal)Math.Floor((mid - (spreadTicks * (double)SimulatedMarket.TickSize / 2)) * 100) / 100m;
        return (bid, bid + (spreadTicks * SimulatedMarket.TickSize));
    }

    public static double FairYes(SimulatedGame game, SimulatedMarket market)
        => market.IsHome ? game.HomeProbability : 1 - game.HomeProbability;
}
