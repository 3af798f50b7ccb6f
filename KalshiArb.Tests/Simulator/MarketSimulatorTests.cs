using Microsoft.Extensions.Time.Testing;
using System.Text.RegularExpressions;
using KalshiArb.Ingestion.Feeds.Simulator;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Tests.Simulator;

public sealed partial class MarketSimulatorTests
{
    private static readonly DateTime Start = SimulatorTestKit.Start.UtcDateTime;

    [Fact]
    public void The_same_seed_gives_the_same_events()
    {
        string[] first = SimulatorTestKit.Create(seed: 7).Generate(5_000, Start).Select(SimulatorTestKit.Describe).ToArray();
        string[] second = SimulatorTestKit.Create(seed: 7).Generate(5_000, Start).Select(SimulatorTestKit.Describe).ToArray();
        string[] other = SimulatorTestKit.Create(seed: 8).Generate(5_000, Start).Select(SimulatorTestKit.Describe).ToArray();

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Events_are_stamped_on_the_virtual_clock()
    {
        // 200 events/s: event i is received at start + i * 5 ms; events of one market move share its stamp,
        // so a stamp is never later than its index implies and never earlier than the previous event's.
        MarketEvent[] events = SimulatorTestKit.Create(eventsPerSecond: 200).Generate(1_000, Start).ToArray();
        for (int i = 0; i < events.Length; i++)
        {
            Assert.True(events[i].ReceivedAt <= Start.AddMilliseconds(5 * i), $"event {i} received at {events[i].ReceivedAt:O}");
            Assert.True(events[i].ExchangeTs <= events[i].ReceivedAt, $"event {i} stamped after it was received");
            if (i > 0)
            {
                Assert.True(events[i].ReceivedAt >= events[i - 1].ReceivedAt);
            }
        }

        Assert.Equal(Start.AddMilliseconds(5 * 999), events[^1].ReceivedAt, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Venue_stamps_move_forward_so_storage_keys_never_collide()
    {
        // QuestDB deduplicates ticks on (ts, ticker) and odds on (ts, event, book, market, outcome): a repeated
        // stamp would silently merge two rows, so each key's stamps must strictly increase.
        var lastTick = new Dictionary<string, DateTime>();
        var lastQuote = new Dictionary<(string, string, string), DateTime>();
        foreach (MarketEvent e in SimulatorTestKit.Create(eventsPerSecond: 100_000).Generate(50_000, Start))
        {
            if (e is KalshiTick t)
            {
                Assert.True(!lastTick.TryGetValue(t.Ticker, out DateTime previous) || t.ExchangeTs > previous, $"{t.Ticker} stamp repeated");
                lastTick[t.Ticker] = t.ExchangeTs;
            }
            else if (e is SportsbookQuote q)
            {
                var key = (q.EventId, q.Book, q.Outcome);
                Assert.True(!lastQuote.TryGetValue(key, out DateTime previous) || q.ExchangeTs > previous, $"{key} stamp repeated");
                lastQuote[key] = q.ExchangeTs;
            }
        }
    }

    [Fact]
    public void Books_start_with_a_snapshot_count_up_by_one_and_agree_with_every_tick()
    {
        var books = new Dictionary<string, (SortedDictionary<decimal, decimal> Yes, SortedDictionary<decimal, decimal> No, long Seq)>();
        int ticks = 0;
        int deltas = 0;
        foreach (MarketEvent e in SimulatorTestKit.Create().Generate(30_000, Start))
        {
            switch (e)
            {
                case BookSnapshot s:
                    Assert.False(books.ContainsKey(s.Ticker), $"second snapshot for {s.Ticker}");
                    Assert.Equal(1, s.Seq);
                    books[s.Ticker] = (new(s.YesBids.ToDictionary(l => l.Price, l => l.Size)), new(s.NoBids.ToDictionary(l => l.Price, l => l.Size)), s.Seq);
                    break;
                case BookDelta d:
                    deltas++;
                    Assert.True(books.ContainsKey(d.Ticker), $"delta before snapshot for {d.Ticker}");
                    var book = books[d.Ticker];
                    Assert.Equal(book.Seq + 1, d.Seq);
                    books[d.Ticker] = book with { Seq = d.Seq };
                    SortedDictionary<decimal, decimal> side = d.Side == Side.Yes ? book.Yes : book.No;
                    decimal size = side.GetValueOrDefault(d.Price) + d.Delta;
                    Assert.True(size >= 0, $"{d.Ticker} {d.Side} {d.Price} went to {size}");
                    if (size == 0)
                    {
                        side.Remove(d.Price);
                    }
                    else
                    {
                        side[d.Price] = size;
                    }

                    AssertOnGrid(d.Price);
                    // Never crossed, even between the deltas of one move: best YES bid + best NO bid < $1.
                    if (book.Yes.Count > 0 && book.No.Count > 0)
                    {
                        Assert.True(book.Yes.Keys.Max() + book.No.Keys.Max() < 1m, $"{d.Ticker} crossed at seq {d.Seq}");
                    }

                    break;
                case KalshiTick t:
                    ticks++;
                    var b = books[t.Ticker];
                    // Best YES bid is the tick's YES bid; best NO bid is 1 - YES ask (NO bids back the YES ask).
                    Assert.Equal(b.Yes.Keys.Max(), t.YesBid);
                    Assert.Equal(1m - b.No.Keys.Max(), t.YesAsk);
                    Assert.Equal(b.Yes[t.YesBid!.Value], t.YesBidSize);
                    Assert.Equal(b.No[1m - t.YesAsk!.Value], t.YesAskSize);
                    Assert.InRange(t.YesAsk.Value - t.YesBid.Value, 0.01m, 0.03m);
                    AssertOnGrid(t.YesBid.Value);
                    AssertOnGrid(t.YesAsk.Value);
                    break;
            }
        }

        Assert.Equal(24, books.Count);
        Assert.True(ticks > 1_000, $"only {ticks} ticks");
        Assert.True(deltas > 5_000, $"only {deltas} deltas");
    }

    [Fact]
    public void Trades_happen_at_the_quote_and_add_to_volume()
    {
        var lastTick = new Dictionary<string, KalshiTick>();
        var volume = new Dictionary<string, decimal>();
        KalshiTrade? pending = null;
        var tradeIds = new HashSet<string>();
        foreach (MarketEvent e in SimulatorTestKit.Create().Generate(20_000, Start))
        {
            if (e is KalshiTrade trade)
            {
                KalshiTick before = lastTick[trade.Ticker];
                // A YES taker lifts the YES ask; a NO taker lifts the NO ask (1 - YES bid), i.e. trades at the YES bid.
                Assert.Equal(trade.TakerSide == Side.Yes ? before.YesAsk : before.YesBid, trade.YesPrice);
                Assert.Equal(1m, trade.YesPrice + trade.NoPrice);
                Assert.True(trade.Count >= 1);
                Assert.True(tradeIds.Add(trade.TradeId), $"trade id {trade.TradeId} repeated");
                volume[trade.Ticker] = volume.GetValueOrDefault(trade.Ticker) + trade.Count;
                pending = trade;
            }
            else if (e is KalshiTick tick)
            {
                lastTick[tick.Ticker] = tick;
                Assert.Equal(volume.GetValueOrDefault(tick.Ticker), tick.Volume);
                if (pending is not null && pending.Ticker == tick.Ticker)
                {
                    Assert.Equal(pending.YesPrice, tick.LastPrice);
                    pending = null;
                }
            }
        }

        Assert.True(tradeIds.Count > 200, $"only {tradeIds.Count} trades");
    }

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

    [Theory]
    [InlineData(0)]
    [InlineData(100_001)]
    public void Rates_outside_1_to_100000_are_refused(int rate)
    {
        var error = Assert.Throws<InvalidOperationException>(() => SimulatorTestKit.Create(eventsPerSecond: rate));
        Assert.Contains("EventsPerSecond", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto", false, true)]
    [InlineData("auto", true, false)]
    [InlineData("on", true, true)]
    [InlineData("OFF", false, false)]
    public void Auto_runs_only_without_Kalshi_credentials(string enabled, bool credentials, bool runs)
        => Assert.Equal(runs, new SimulatorOptions { Enabled = enabled }.ShouldRun(credentials));

    [Fact]
    public void An_unknown_mode_is_refused_with_the_setting_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SimulatorOptions { Enabled = "sometimes" }.ShouldRun(false));
        Assert.Contains("Simulator:Enabled", error.Message, StringComparison.Ordinal);
    }

    private static string? TickerOf(MarketEvent e) => e switch
    {
        KalshiTick t => t.Ticker,
        KalshiTrade t => t.Ticker,
        BookDelta d => d.Ticker,
        BookSnapshot s => s.Ticker,
        _ => null,
    };

    private static void AssertOnGrid(decimal price)
    {
        Assert.InRange(price, 0.01m, 0.99m);
        Assert.Equal(decimal.Round(price, 2), price);
    }

    [GeneratedRegex(@"^KX(NBA|NFL|MLB|NHL)GAME-\d{2}[A-Z]{3}\d{2}[A-Z]{4,6}-[A-Z]{2,3}$")]
    private static partial Regex TickerPattern();
}
