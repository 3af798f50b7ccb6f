using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Feeds.Simulator;

/// <summary>
/// The spread and total markets of all games (<see cref="SimulatedLines"/>) as one process on its own random generator:
/// the periodic refresh of Kalshi's and the books' lines, and cheap Kalshi offers on a line market about every
/// <see cref="SimulatorOptions.DislocationEverySeconds"/>, alternating spread and total, drawn and corrected as the
/// moneyline ones are (<see cref="DislocationProfile"/>). The first two (a spread, then a total) come within seconds,
/// so a fresh dashboard shows a line opportunity of each kind.
/// </summary>
internal sealed class SimulatedLineMarkets(SimulatorOptions options, IReadOnlyList<SimulatedLines> lines, SimulatedSportsbooks sportsbooks, Random rng, List<MarketEvent> output)
{
    private DateTime _nextRefresh;
    private DateTime _nextDislocation;

    /// <summary>Line mispricings started so far.</summary>
    public long Dislocations { get; private set; }

    /// <summary>Publishes every line market's first book and the books' lines.</summary>
    public void Open(DateTime now)
    {
        Refresh(open: true, now);
        _nextDislocation = now.AddSeconds(Math.Min(3, options.DislocationEverySeconds));
    }

    /// <summary>The next line move that is due at <paramref name="now"/>, if any; false when none is (or there are no line markets).</summary>
    public bool Advance(DateTime now)
    {
        if (lines.Count == 0)
        {
            return false;
        }

        if (now >= _nextRefresh)
        {
            Refresh(open: false, now);
            return true;
        }

        int before = output.Count;
        foreach (SimulatedLines game in lines)
        {
            foreach (SimulatedMarket market in new[] { game.Spread, game.Total })
            {
                if (market.NeedsCorrection && !market.IsDislocated(now))
                {
                    game.Requote(market, rng, now, output);
                }
            }
        }

        if (now >= _nextDislocation)
        {
            Dislocate(now);
            // The second comes a second after the first, so both kinds show early; the rest at the configured pace.
            _nextDislocation = now.AddSeconds(Dislocations == 1 ? 1 : options.DislocationEverySeconds * (0.5 + rng.NextDouble()));
        }

        return output.Count > before;
    }

    private void Refresh(bool open, DateTime now)
    {
        foreach (SimulatedLines game in lines)
        {
            game.Quote(open, sportsbooks, rng, now, output);
        }

        _nextRefresh = now + SimulatedLines.RefreshEvery;
    }

    private void Dislocate(DateTime now)
    {
        SimulatedLines game = lines[rng.Next(lines.Count)];
        SimulatedMarket market = Dislocations % 2 == 0 ? game.Spread : game.Total;
        (double edgePct, TimeSpan lifetime) = DislocationProfile.Draw(options, rng, first: Dislocations < 2);
        Dislocations++;
        market.Dislocate(now + lifetime, DislocationProfile.AskForEdge(game.FairYes(market), edgePct), size: rng.Next(200, 601));
        game.Requote(market, rng, now, output);
    }
}
