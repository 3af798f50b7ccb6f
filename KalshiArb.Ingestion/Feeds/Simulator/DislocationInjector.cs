namespace KalshiArb.Ingestion.Feeds.Simulator;

/// <summary>
/// The deliberate mispricings of the moneyline markets, about one every <see cref="SimulatorOptions.DislocationEverySeconds"/>:
/// two cheap Kalshi asks for every stale book line (both give +EV, the stale lines hedged arbs too), sized and timed by
/// <see cref="DislocationProfile"/>, and the correction of each once it ends.
/// </summary>
internal sealed class DislocationInjector(SimulatorOptions options, IReadOnlyList<SimulatedGame> games, KalshiMarketMaker kalshi, SimulatedSportsbooks sportsbooks, Random rng)
{
    private DateTime _next;

    /// <summary>Mispricings started so far.</summary>
    public long Started { get; private set; }

    /// <summary>The first mispricing comes early (and is sized to be seen, see <see cref="Start"/>) so a fresh dashboard shows an opportunity within seconds.</summary>
    public void ScheduleFirst(DateTime now) => _next = now.AddSeconds(Math.Min(2, options.DislocationEverySeconds));

    /// <summary>Corrects the mispricings that ended, then starts the next one when it is due.</summary>
    public void Advance(DateTime now)
    {
        CorrectEnded(now);
        if (now >= _next)
        {
            Start(now);
            _next = now.AddSeconds(options.DislocationEverySeconds * (0.5 + rng.NextDouble()));
        }
    }

    private void CorrectEnded(DateTime now)
    {
        foreach (SimulatedGame game in games)
        {
            foreach (SimulatedMarket market in new[] { game.Away, game.Home })
            {
                if (market.NeedsCorrection && !market.IsDislocated(now))
                {
                    game.Advance(now, rng);
                    kalshi.Requote(game, market, now);
                }
            }

            for (int book = 0; book < sportsbooks.Books.Count; book++)
            {
                if (game.StaleNeedsCorrection[book] && now >= game.StaleUntil[book])
                {
                    game.StaleNeedsCorrection[book] = false;
                    sportsbooks.Quote(game, book, now);
                }
            }
        }
    }

    /// <summary>On a random game, a cheap Kalshi ask two times in three, else a stale line at one book.</summary>
    private void Start(DateTime now)
    {
        SimulatedGame game = games[rng.Next(games.Count)];
        game.Advance(now, rng);
        (double edgePct, TimeSpan lifetime) = DislocationProfile.Draw(options, rng, first: Started == 0);
        DateTime until = now + lifetime;
        if (Started++ % 3 < 2)
        {
            SimulatedMarket market = rng.Next(2) == 0 ? game.Home : game.Away;
            market.Dislocate(until, DislocationProfile.AskForEdge(KalshiMarketMaker.FairYes(game, market), edgePct), size: rng.Next(200, 601));
            kalshi.Requote(game, market, now);
        }
        else
        {
            int book = rng.Next(sportsbooks.Books.Count);
            bool homeUp = rng.Next(2) == 0;
            // A home line pushed up makes the away side long at that book: the hedge of a Kalshi home YES, and vice versa.
            double kalshiFair = homeUp ? game.HomeProbability : 1 - game.HomeProbability;
            double shift = DislocationProfile.StaleShift(kalshiFair, options.Vig, edgePct);
            game.StaleUntil[book] = until;
            game.StaleShift[book] = homeUp ? shift : -shift;
            game.StaleNeedsCorrection[book] = true;
            sportsbooks.Quote(game, book, now);
        }
    }
}
