using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Simulator;

/// <summary>The sportsbooks' lines are well-formed and, outside mispricings, agree with the Kalshi prices; mispricings show as cheap Kalshi asks.</summary>
public sealed class SimulatedSportsbookTests
{
    private static readonly DateTime Start = SimulatorTestKit.Start.UtcDateTime;

    [Fact]
    public void Sportsbook_quotes_carry_consistent_odds_vig_and_devigged_fair_probabilities()
    {
        MarketSimulator simulator = SimulatorTestKit.Create();
        SportsbookQuote[] quotes = simulator.Generate(20_000, Start).OfType<SportsbookQuote>().ToArray();
        // Every line at the open (12 games × 4 books × 2 outcomes = 96), then each line move and a refresh a minute.
        Assert.True(quotes.Length > 150, $"{quotes.Length} quotes");
        Assert.Equal(simulator.Books.ToHashSet(), quotes.Select(q => q.Book).ToHashSet());
        Assert.Equal(simulator.Events.Select(e => e.EventId).ToHashSet(), quotes.Select(q => q.EventId).ToHashSet());

        // Quotes come in pairs: home then away of the same book and event at the same instant (the count cut
        // may split the last pair).
        for (int i = 0; i + 1 < quotes.Length; i += 2)
        {
            SportsbookQuote home = quotes[i];
            SportsbookQuote away = quotes[i + 1];
            SportsEvent game = simulator.Events.Single(e => e.EventId == home.EventId);
            Assert.Equal((game.HomeTeam, game.AwayTeam), (home.Outcome, away.Outcome));
            Assert.Equal((home.Book, home.ExchangeTs), (away.Book, away.ExchangeTs));
            foreach (SportsbookQuote q in new[] { home, away })
            {
                Assert.Equal("h2h", q.MarketType);
                Assert.Equal(game.SportKey, q.SportKey);
                Assert.Equal(0, q.American % 5);
                Assert.Equal(OddsMath.AmericanToDecimal(q.American), q.DecimalOdds);
                Assert.Equal(OddsMath.AmericanToImplied(q.American), q.ImpliedProb);
                Assert.Equal(DevigMethod.Multiplicative, q.DevigMethod);
                Assert.True(q.ExchangeTs < q.ReceivedAt);
            }

            // Vig of 4.5%, moved a little by rounding the prices to 5 cents of American odds.
            decimal overround = home.ImpliedProb + away.ImpliedProb;
            Assert.InRange(overround, 1.025m, 1.065m);
            // Multiplicative devig: fair = implied / overround, summing to exactly 1.
            Assert.Equal(1m, home.FairProb + away.FairProb);
            Assert.Equal(home.ImpliedProb / overround, home.FairProb, 10);
        }
    }

    [Fact]
    public void Kalshi_prices_and_sportsbook_fair_probabilities_follow_the_same_latent_probability()
    {
        // Outside dislocations both venues price the same probability: the mean gap between a Kalshi mid and
        // the books' fair probability for the same team stays within a few cents.
        MarketSimulator simulator = SimulatorTestKit.Create();
        var fairByTeam = new Dictionary<(string EventId, string Team), decimal>();
        var mappingByTicker = simulator.Mappings.ToDictionary(m => m.KalshiTicker);
        double gapSum = 0;
        int samples = 0;
        foreach (MarketEvent e in simulator.Generate(30_000, Start))
        {
            if (e is SportsbookQuote q)
            {
                fairByTeam[(q.EventId, q.Outcome)] = q.FairProb;
            }
            else if (e is KalshiTick t && mappingByTicker.TryGetValue(t.Ticker, out EventMapping? m) && fairByTeam.TryGetValue((m.EventId, m.Outcome), out decimal fair))
            {
                gapSum += Math.Abs((double)(((t.YesBid!.Value + t.YesAsk!.Value) / 2) - fair));
                samples++;
            }
        }

        Assert.True(samples > 1_000);
        Assert.InRange(gapSum / samples, 0, 0.03);
    }

    [Fact]
    public void Dislocations_put_a_Kalshi_ask_well_below_the_books_fair_probability_with_size()
    {
        // 200 events/s for 60 virtual seconds with a mispricing about every 7 s and a mean edge of 10% (set high
        // here so the asks stand out): several episodes where the YES ask sits at least 3 cents under the books'
        // fair probability with the offer's 200 to 600 contracts behind it.
        MarketSimulator simulator = new(new SimulatorOptions { DislocationEverySeconds = 7, DislocationMeanEdgePct = 10 }, new FakeTimeProvider(SimulatorTestKit.Start));
        var fairByTeam = new Dictionary<(string EventId, string Team), decimal>();
        var mappingByTicker = simulator.Mappings.ToDictionary(m => m.KalshiTicker);
        var dislocatedTickers = new HashSet<string>();
        var episodes = 0;
        var inEpisode = new HashSet<string>();
        foreach (MarketEvent e in simulator.Generate(12_000, Start))
        {
            if (e is SportsbookQuote q)
            {
                fairByTeam[(q.EventId, q.Outcome)] = q.FairProb;
            }
            else if (e is KalshiTick t && fairByTeam.TryGetValue((mappingByTicker[t.Ticker].EventId, mappingByTicker[t.Ticker].Outcome), out decimal fair))
            {
                bool cheap = t.YesAsk <= fair - 0.03m && t.YesAskSize >= 200m;
                if (cheap && inEpisode.Add(t.Ticker))
                {
                    episodes++;
                    dislocatedTickers.Add(t.Ticker);
                }
                else if (!cheap)
                {
                    inEpisode.Remove(t.Ticker);
                }
            }
        }

        Assert.True(simulator.Dislocations >= 6, $"{simulator.Dislocations} dislocations in 60 s");
        Assert.True(episodes >= 3, $"{episodes} cheap-ask episodes");
    }
}
