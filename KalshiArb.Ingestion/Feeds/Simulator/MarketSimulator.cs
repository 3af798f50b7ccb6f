using System.Globalization;
using System.Threading.Channels;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Ingestion.Feeds.Simulator;

/// <summary>
/// A seeded, deterministic market: sports games whose home-win probability walks and reverts, two Kalshi markets
/// per game (L2 books with sequence numbers, ticks, trades), one spread and one total market per game
/// (<see cref="SimulatedLines"/>), and h2h odds from several sportsbooks drawn from the
/// same probability with vig and lag. About every half minute it misprices something on purpose (a Kalshi ask
/// below fair, or a book showing a stale line), with edges and lifetimes drawn as real ones are seen
/// (<see cref="DislocationProfile"/>), so detection has plausible edges to find. It writes to the same pipeline as
/// the real feeds. Not thread-safe: one caller at a time.
/// </summary>
public sealed class MarketSimulator
{
    public const string FeedName = "simulator";

    private const string MarketType = "h2h";
    private const DevigMethod BookDevig = DevigMethod.Multiplicative;
    private const double BookLineStep = 0.01;
    private static readonly TimeSpan UnchangedLineRefresh = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PaceInterval = TimeSpan.FromMilliseconds(10);

    private readonly SimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _rng;
    private readonly List<SimulatedGame> _games = [];
    private readonly List<SimulatedLines> _lines = [];
    // The spread/total markets draw from their own generator, so the moneyline stream is the same with or without them.
    private readonly Random _linesRng;
    private DateTime _nextLineRefresh;
    private readonly List<MarketEvent> _pending = [];
    private readonly TimeSpan[] _bookDelays;
    private readonly IReadOnlyList<string> _books;
    private int _pendingIndex;
    private bool _opened;
    private DateTime _nextDislocation;
    private long _dislocations;
    private long _trades;

    public MarketSimulator(SimulatorOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _books = options.EffectiveBooks;
        _time = time;
        _rng = new Random(options.Seed);
        _linesRng = new Random(options.Seed + 1);
        Metrics = new FeedMetrics(FeedName, time);
        DateTime created = time.GetUtcNow().UtcDateTime;
        // A book's last_update trails our receive time by its publishing and polling delay. Fixed per book (and per
        // Kalshi market below) so a venue's stamps only move forward and never repeat for the same key.
        _bookDelays = _books.Select(_ => TimeSpan.FromMilliseconds(_rng.Next(100, 800))).ToArray();
        BuildGames(created);
        Markets = [.. _games.SelectMany(game => new[] { game.Away.Info, game.Home.Info }), .. _lines.SelectMany(l => new[] { l.Spread.Info, l.Total.Info })];
        Events = _games.Select(game => game.Event).ToArray();
        Mappings = [.. _games.SelectMany(game => new[] { Mapping(game, game.Away, game.Event.AwayTeam, created), Mapping(game, game.Home, game.Event.HomeTeam, created) }), .. _lines.SelectMany(l => l.Mappings(created))];
    }

    public FeedMetrics Metrics { get; }

    public IReadOnlyList<KalshiMarketInfo> Markets { get; }

    public IReadOnlyList<SportsEvent> Events { get; }

    /// <summary>One confirmed, settlement-safe mapping per simulated Kalshi market, so detection works out of the box.</summary>
    public IReadOnlyList<EventMapping> Mappings { get; }

    public IReadOnlyList<string> Books => _books;

    /// <summary>Mispricings started so far (cheap Kalshi asks and stale book lines).</summary>
    public long Dislocations => _dislocations;

    /// <summary>
    /// The next <paramref name="count"/> events on a virtual clock: event i is stamped <paramref name="start"/> + i /
    /// EventsPerSecond. Same seed and same creation time, same events. For tests and benchmarks.
    /// </summary>
    public IEnumerable<MarketEvent> Generate(int count, DateTime start)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (long i = 0; i < count; i++)
        {
            yield return Next(VirtualTime(start, i));
        }
    }

    /// <summary>
    /// Writes events at EventsPerSecond until cancelled, stamped with the real time they are handed over (strictly
    /// increasing by at least a microsecond, QuestDB's resolution). When the pipeline pushes back, writing waits;
    /// after such a stall the simulator resumes its pace instead of bursting to catch up, so no event is dropped.
    /// </summary>
    public async Task RunAsync(ChannelWriter<MarketEvent> writer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(writer);
        long started = _time.GetTimestamp();
        long paced = 0;
        DateTime last = DateTime.MinValue;
        List<MarketEvent>? move = null;
        int rate = _options.EventsPerSecond;
        Metrics.SetState(true, $"running at {rate} events/s, seed {_options.Seed}");
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                long due = (long)(_time.GetElapsedTime(started).TotalSeconds * rate) + 1;
                paced = Math.Max(paced, due - rate);
                while (true)
                {
                    // A move is handed over once its events are due (a move larger than a second's worth, such as
                    // the opening snapshots, once its first second is), all stamped with the hand-over time.
                    move ??= NextMove(_time.GetUtcNow().UtcDateTime);
                    if (paced + Math.Min(move.Count, rate) > due)
                    {
                        break;
                    }

                    DateTime now = _time.GetUtcNow().UtcDateTime;
                    DateTime next = last.AddTicks(TimeSpan.TicksPerMicrosecond);
                    last = now >= next ? now : next;
                    foreach (MarketEvent generated in move)
                    {
                        MarketEvent marketEvent = generated with { ReceivedAt = last };
                        if (!writer.TryWrite(marketEvent))
                        {
                            await writer.WriteAsync(marketEvent, ct).ConfigureAwait(false);
                        }

                        Metrics.MessageReceived(marketEvent.ReceivedAt - marketEvent.ExchangeTs);
                    }

                    paced += move.Count;
                    move = null;
                }

                await Task.Delay(PaceInterval, _time, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }
        finally
        {
            Metrics.SetState(false, "stopped");
        }
    }

    private DateTime VirtualTime(DateTime start, long index)
        => start.AddTicks(index * TimeSpan.TicksPerSecond / _options.EventsPerSecond);

    /// <summary>
    /// Every event of the next market move, handed over together as a venue delivers one change: paced out one by
    /// one, their receive stamps would age before the pipeline saw them, and a line's outcomes would arrive apart.
    /// </summary>
    private List<MarketEvent> NextMove(DateTime now)
    {
        var move = new List<MarketEvent> { Next(now) };
        while (_pendingIndex < _pending.Count)
        {
            move.Add(Next(now));
        }

        return move;
    }

    private MarketEvent Next(DateTime now)
    {
        while (_pendingIndex == _pending.Count)
        {
            _pending.Clear();
            _pendingIndex = 0;
            Step(now);
        }

        return _pending[_pendingIndex++];
    }

    /// <summary>One move of the market at <paramref name="now"/>, appending its events to the pending batch.</summary>
    private void Step(DateTime now)
    {
        if (!_opened)
        {
            Open(now);
            return;
        }

        if (_lines.Count > 0 && now >= _nextLineRefresh)
        {
            QuoteLines(open: false, now);
            return;
        }

        CorrectEndedDislocations(now);
        if (now >= _nextDislocation)
        {
            StartDislocation(now);
            _nextDislocation = now.AddSeconds(_options.DislocationEverySeconds * (0.5 + _rng.NextDouble()));
        }

        if (_pending.Count > 0)
        {
            return;
        }

        SimulatedGame game = _games[_rng.Next(_games.Count)];
        game.Advance(now, _rng);
        SimulatedMarket market = _rng.Next(2) == 0 ? game.Home : game.Away;
        // While a game is mispriced its Kalshi books stay as they are until the market corrects them (the markets
        // only re-send their top of book): trading into the offer or moving the levels a walk takes would open and
        // close the same opportunity many times a second.
        if (game.IsDislocated(now))
        {
            market.RepeatTick(now - market.Latency, now, _pending);
            return;
        }

        double action = _rng.NextDouble();
        bool done = action switch
        {
            < 0.20 => market.ResizeDepth(_rng, now - market.Latency, now, _pending),
            < 0.35 => market.Trade(_rng, $"SIM{_options.Seed}-{++_trades:D9}", now - market.Latency, now, _pending),
            < 0.65 => QuoteBook(game, _rng.Next(_books.Count), now),
            _ => false,
        };
        if (!done)
        {
            Requote(game, market, now);
        }
    }

    private void Open(DateTime now)
    {
        foreach (SimulatedGame game in _games)
        {
            foreach (SimulatedMarket market in new[] { game.Away, game.Home })
            {
                (decimal bid, decimal ask) = NormalQuote(FairYes(game, market));
                market.Open(bid, ask, _rng, now - market.Latency, now, _pending);
            }

            for (int book = 0; book < _books.Count; book++)
            {
                QuoteBook(game, book, now);
            }
        }

        QuoteLines(open: true, now);
        _opened = true;
        // The first mispricing comes early (and is sized to be seen, see StartDislocation) so a fresh dashboard shows an opportunity within seconds.
        _nextDislocation = now.AddSeconds(Math.Min(2, _options.DislocationEverySeconds));
    }

    private void CorrectEndedDislocations(DateTime now)
    {
        foreach (SimulatedGame game in _games)
        {
            foreach (SimulatedMarket market in new[] { game.Away, game.Home })
            {
                if (market.NeedsCorrection && !market.IsDislocated(now))
                {
                    game.Advance(now, _rng);
                    Requote(game, market, now);
                }
            }

            for (int book = 0; book < _books.Count; book++)
            {
                if (game.StaleNeedsCorrection[book] && now >= game.StaleUntil[book])
                {
                    game.StaleNeedsCorrection[book] = false;
                    QuoteBook(game, book, now);
                }
            }
        }
    }

    /// <summary>
    /// Two cheap Kalshi asks for every stale book line: both give +EV, the stale lines hedged arbs too. Size and
    /// lifetime follow <see cref="DislocationProfile"/>; the first one is at least twice the mean edge and lasts at
    /// least a minute, so a fresh dashboard shows an opportunity at once.
    /// </summary>
    private void StartDislocation(DateTime now)
    {
        SimulatedGame game = _games[_rng.Next(_games.Count)];
        game.Advance(now, _rng);
        bool first = _dislocations == 0;
        double edgePct = DislocationProfile.EdgePct(_options, _rng);
        TimeSpan lifetime = DislocationProfile.Lifetime(_options, _rng);
        if (first)
        {
            edgePct = Math.Max(edgePct, 2 * _options.DislocationMeanEdgePct);
            lifetime = TimeSpan.FromTicks(Math.Max(lifetime.Ticks, TimeSpan.FromMinutes(1).Ticks));
        }

        DateTime until = now + lifetime;
        if (_dislocations++ % 3 < 2)
        {
            SimulatedMarket market = _rng.Next(2) == 0 ? game.Home : game.Away;
            market.Dislocate(until, DislocationProfile.AskForEdge(FairYes(game, market), edgePct), size: _rng.Next(200, 601));
            Requote(game, market, now);
        }
        else
        {
            int book = _rng.Next(_books.Count);
            bool homeUp = _rng.Next(2) == 0;
            // A home line pushed up makes the away side long at that book: the hedge of a Kalshi home YES, and vice versa.
            double kalshiFair = homeUp ? game.HomeProbability : 1 - game.HomeProbability;
            double shift = DislocationProfile.StaleShift(kalshiFair, _options.Vig, edgePct);
            game.StaleUntil[book] = until;
            game.StaleShift[book] = homeUp ? shift : -shift;
            game.StaleNeedsCorrection[book] = true;
            QuoteBook(game, book, now);
        }
    }

    private void Requote(SimulatedGame game, SimulatedMarket market, DateTime now)
    {
        double fair = FairYes(game, market);
        if (market.IsDislocated(now))
        {
            decimal ask = market.DislocationAsk;
            market.Requote(ask - SimulatedMarket.TickSize, ask, market.DislocationSize, _rng, now - market.Latency, now, _pending);
            return;
        }

        (decimal bid, decimal normalAsk) = NormalQuote(fair);
        market.Requote(bid, normalAsk, null, _rng, now - market.Latency, now, _pending);
    }

    /// <summary>A fair market maker's quote: a mid within a fraction of a cent of fair, 1 to 3 ticks wide.</summary>
    private (decimal Bid, decimal Ask) NormalQuote(double fairYes)
    {
        double mid = fairYes + (0.004 * (_rng.NextDouble() - 0.5));
        int spreadTicks = _rng.Next(1, 4);
        decimal bid = ToTickFloor(mid - (spreadTicks * (double)SimulatedMarket.TickSize / 2));
        return (bid, bid + (spreadTicks * SimulatedMarket.TickSize));
    }

    private static double FairYes(SimulatedGame game, SimulatedMarket market)
        => market.IsHome ? game.HomeProbability : 1 - game.HomeProbability;

    private static decimal ToTickFloor(double price) => (decimal)Math.Floor(price * 100) / 100m;

    /// <summary>Both outcomes of one book's h2h market, priced from the lagged probability with the book's vig.</summary>
    private bool QuoteBook(SimulatedGame game, int book, DateTime now)
    {
        TimeSpan lag = TimeSpan.FromSeconds(_options.BookLagSeconds * (1 + (0.25 * book)));
        double home = game.HomeProbabilityAt(now, lag) + game.BookBias[book];
        // Books move a line in steps, not on every wiggle: a line within a step of the posted one stays posted.
        if (Math.Abs(home - game.PostedHome[book]) < BookLineStep)
        {
            home = game.PostedHome[book];
        }

        game.PostedHome[book] = home;
        if (now < game.StaleUntil[book])
        {
            home += game.StaleShift[book];
        }

        home = Math.Clamp(home, 0.05, 0.95);
        int homeAmerican = BookPrice(home);
        int awayAmerican = BookPrice(1 - home);
        // An unchanged line is sent again only once a minute, as a poll refreshes it: re-sending it on every move would
        // make each book in turn the latest of equal hedges and hand an opportunity from book to book.
        if (game.PostedLine[book] == (homeAmerican, awayAmerican) && now - game.PostedAt[book] < UnchangedLineRefresh)
        {
            return false;
        }

        game.PostedLine[book] = (homeAmerican, awayAmerican);
        game.PostedAt[book] = now;
        decimal homeImplied = OddsMath.AmericanToImplied(homeAmerican);
        decimal awayImplied = OddsMath.AmericanToImplied(awayAmerican);
        decimal[] fair = Devig.Apply([homeImplied, awayImplied], BookDevig);
        DateTime lastUpdate = now - _bookDelays[book];
        string bookName = _books[book];
        SportsEvent e = game.Event;
        _pending.Add(new SportsbookQuote(e.EventId, e.SportKey, bookName, MarketType, e.HomeTeam, null, homeAmerican, OddsMath.AmericanToDecimal(homeAmerican), homeImplied, fair[0], BookDevig, lastUpdate, now));
        _pending.Add(new SportsbookQuote(e.EventId, e.SportKey, bookName, MarketType, e.AwayTeam, null, awayAmerican, OddsMath.AmericanToDecimal(awayAmerican), awayImplied, fair[1], BookDevig, lastUpdate, now));
        return true;
    }

    private void QuoteLines(bool open, DateTime now)
    {
        foreach (SimulatedLines lines in _lines)
        {
            lines.Quote(open, _books, BookPrice, _linesRng, now, _bookDelays, _pending);
        }

        _nextLineRefresh = now + SimulatedLines.RefreshEvery;
    }

    /// <summary>American odds for a probability with the vig added, rounded to the nearest 5 as books post them.</summary>
    private int BookPrice(double probability)
    {
        decimal implied = (decimal)Math.Min(probability * (1 + _options.Vig), 0.99);
        int american = OddsMath.DecimalToAmerican(1m / implied);
        return (int)Math.Round(american / 5.0, MidpointRounding.AwayFromZero) * 5;
    }

    /// <summary>Kalshi stamps a message a few milliseconds before it reaches us.</summary>
    private DateTime KalshiExchangeTs(DateTime now) => now.AddMilliseconds(-_rng.Next(1, 21));

    private void BuildGames(DateTime created)
    {
        TimeSpan maxLag = TimeSpan.FromSeconds(_options.BookLagSeconds * (1 + (0.25 * _books.Count)));
        // Games start tomorrow from 00:00 UTC (US evening), ten minutes apart; Kalshi dates tickers by US Eastern day.
        DateTime firstStart = created.Date.AddDays(1);
        for (int i = 0; i < _options.Games; i++)
        {
            SimulatedLeague league = SimulatedLeague.All[i % SimulatedLeague.All.Count];
            int pair = i / SimulatedLeague.All.Count;
            SimulatedTeam away = league.Teams[2 * pair];
            SimulatedTeam home = league.Teams[(2 * pair) + 1];
            DateTime commence = firstStart.AddMinutes(10 * i);
            string eventTicker = $"{league.SeriesTicker}-{commence.AddHours(-5).ToString("yyMMMdd", CultureInfo.InvariantCulture).ToUpperInvariant()}{away.Code}{home.Code}";
            string eventId = Convert.ToHexStringLower(RandomBytes(16));
            var sportsEvent = new SportsEvent(eventId, league.SportKey, home.Name, away.Name, commence);
            SimulatedMarket awayMarket = new(MarketInfo(eventTicker, league, away, home, away, commence), isHome: false, KalshiLatency());
            SimulatedMarket homeMarket = new(MarketInfo(eventTicker, league, away, home, home, commence), isHome: true, KalshiLatency());
            double homeProbability = 0.3 + (0.4 * _rng.NextDouble());
            double[] bias = _books.Select(_ => 0.01 * (_rng.NextDouble() - 0.5)).ToArray();
            var game = new SimulatedGame(sportsEvent, league, homeMarket, awayMarket, homeProbability, bias, maxLag, created);
            _games.Add(game);
            if (_options.LineMarkets)
            {
                _lines.Add(new SimulatedLines(game, eventTicker, away, home, commence, TimeSpan.FromMilliseconds(_linesRng.Next(1, 21))));
            }
        }
    }

    /// <summary>Kalshi stamps a message a few milliseconds before it reaches us.</summary>
    private TimeSpan KalshiLatency() => TimeSpan.FromMilliseconds(_rng.Next(1, 21));

    private byte[] RandomBytes(int count)
    {
        byte[] bytes = new byte[count];
        _rng.NextBytes(bytes);
        return bytes;
    }

    private static KalshiMarketInfo MarketInfo(string eventTicker, SimulatedLeague league, SimulatedTeam away, SimulatedTeam home, SimulatedTeam yes, DateTime commence)
    {
        string game = $"{away.Name} at {home.Name}";
        string rules = $"If {yes.Name} win the {league.Name} game {game} originally scheduled for {commence:MMM d, yyyy}, then the market resolves to Yes.";
        return new KalshiMarketInfo($"{eventTicker}-{yes.Code}", eventTicker, league.SeriesTicker, $"{game} Winner?", yes.Name, "active", commence.AddDays(14), rules, SimulatedMarket.Grid);
    }

    private static EventMapping Mapping(SimulatedGame game, SimulatedMarket market, string outcome, DateTime created)
        => new(market.Ticker, game.Event.EventId, game.Event.SportKey, MarketType, outcome, Inverted: false,
            KalshiIncludesOvertime: true, BookIncludesOvertime: true, KalshiTieRule: "void", BookTieRule: "void",
            KalshiVoidRule: "void", BookVoidRule: "void", SettlementEquivalence.Safe, Confirmed: true, Note: FeedName, created);
}
