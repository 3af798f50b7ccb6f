using System.Threading.Channels;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Feeds.Simulator;

/// <summary>
/// A seeded, deterministic market: sports games whose home-win probability walks and reverts (<see cref="SimulatedGame"/>),
/// two Kalshi markets per game (L2 books with sequence numbers, ticks, trades; <see cref="KalshiMarketMaker"/>), one
/// spread and one total market per game (<see cref="SimulatedLines"/>), and h2h odds from several sportsbooks drawn
/// from the same probability with vig and lag (<see cref="SimulatedSportsbooks"/>). About every half minute it
/// misprices something on purpose (<see cref="DislocationInjector"/>), so detection has plausible edges to find. It
/// writes to the same pipeline as the real feeds. Not thread-safe: one caller at a time.
/// </summary>
internal sealed class MarketSimulator
{
    public const string FeedName = "simulator";

    private readonly SimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _rng;
    // The spread/total markets draw from their own generator, so the moneyline draws are the same with or without them.
    private readonly Random _linesRng;
    private readonly SimulatedCatalog _catalog;
    private readonly KalshiMarketMaker _kalshi;
    private readonly SimulatedSportsbooks _sportsbooks;
    private readonly DislocationInjector _dislocations;
    private readonly SimulatedLineMarkets _lines;
    private readonly List<MarketEvent> _pending = [];
    private int _pendingIndex;
    private bool _opened;
    private long _trades;

    public MarketSimulator(SimulatorOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time;
        _rng = new Random(options.Seed);
        _linesRng = new Random(options.Seed + 1);
        Metrics = new FeedMetrics(FeedName, time);
        IReadOnlyList<string> books = options.EffectiveBooks;
        _catalog = new SimulatedCatalog(options, books, _rng, _linesRng, time.GetUtcNow().UtcDateTime);
        _kalshi = new KalshiMarketMaker(_rng, _pending);
        _sportsbooks = new SimulatedSportsbooks(options, books, _catalog.BookDelays, _pending);
        _dislocations = new DislocationInjector(options, _catalog.Games, _kalshi, _sportsbooks, _rng);
        _lines = new SimulatedLineMarkets(options, _catalog.Lines, _sportsbooks, _linesRng, _pending);
    }

    public FeedMetrics Metrics { get; }

    public IReadOnlyList<KalshiMarketInfo> Markets => _catalog.Markets;

    public IReadOnlyList<SportsEvent> Events => _catalog.Events;

    /// <summary>One confirmed, settlement-safe mapping per simulated Kalshi market, so detection works out of the box.</summary>
    public IReadOnlyList<EventMapping> Mappings => _catalog.Mappings;

    public IReadOnlyList<string> Books => _sportsbooks.Books;

    /// <summary>Mispricings started so far (cheap Kalshi asks, on line markets too, and stale book lines).</summary>
    public long Dislocations => _dislocations.Started + _lines.Dislocations;

    /// <summary>
    /// The next <paramref name="count"/> events on a virtual clock: event i is stamped <paramref name="start"/> + i /
    /// EventsPerSecond. Same seed and same creation time, same events. For tests and benchmarks.
    /// </summary>
    public IEnumerable<MarketEvent> Generate(int count, DateTime start)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (long i = 0; i < count; i++)
        {
            yield return Next(start.AddTicks(i * TimeSpan.TicksPerSecond / _options.EventsPerSecond));
        }
    }

    /// <summary>Writes events at EventsPerSecond until cancelled (<see cref="SimulatorPacer"/>).</summary>
    public async Task RunAsync(ChannelWriter<MarketEvent> writer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Metrics.SetState(true, $"running at {_options.EventsPerSecond} events/s, seed {_options.Seed}");
        try
        {
            await SimulatorPacer.RunAsync(NextMove, _options.EventsPerSecond, writer, _time, Metrics, ct).ConfigureAwait(false);
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

        if (_lines.Advance(now))
        {
            return;
        }

        _dislocations.Advance(now);
        if (_pending.Count > 0)
        {
            return;
        }

        IReadOnlyList<SimulatedGame> games = _catalog.Games;
        SimulatedGame game = games[_rng.Next(games.Count)];
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
            < 0.65 => _sportsbooks.Quote(game, _rng.Next(_sportsbooks.Books.Count), now),
            _ => false,
        };
        if (!done)
        {
            _kalshi.Requote(game, market, now);
        }
    }

    private void Open(DateTime now)
    {
        foreach (SimulatedGame game in _catalog.Games)
        {
            _kalshi.Open(game, now);
            for (int book = 0; book < _sportsbooks.Books.Count; book++)
            {
                _sportsbooks.Quote(game, book, now);
            }
        }

        _lines.Open(now);
        _opened = true;
        _dislocations.ScheduleFirst(now);
    }
}
