using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Bench;

/// <summary>
/// The detector's world at production scale: 5,000 Kalshi markets (2,500 games, home and away), each with a
/// confirmed mapping, an L2 book and a tick, and h2h quotes from 20 sportsbooks per game. Prices sit around
/// each game's fair probability with noise, so some events open, update and close opportunities.
/// </summary>
internal sealed class DetectorWorkload
{
    public const int Markets = 5_000;
    public const int Books = 20;
    private const decimal Vig = 0.045m;

    private readonly Random _rng;
    private readonly double[] _fairHome;
    private readonly long[] _seq;

    private DetectorWorkload(int seed, DateTime now, MarketState state, MappingRegistry mappings, FeeScheduleRegistry fees, Func<Detector> detector)
    {
        _rng = new Random(seed);
        Games = Markets / 2;
        _fairHome = Enumerable.Range(0, Games).Select(_ => 0.3 + (0.4 * _rng.NextDouble())).ToArray();
        _seq = new long[Markets];
        State = state;
        Mappings = mappings;
        Fees = fees;
        for (int market = 0; market < Markets; market++)
        {
            int game = market / 2;
            Mappings.Upsert(new EventMapping(
                Ticker(market), EventId(game), "basketball_nba", "h2h", Outcome(market), false, true, true,
                "no ties", "no ties", "refund", "refund", SettlementEquivalence.Safe, true, null, now));
        }

        Detector = detector();
        for (int market = 0; market < Markets; market++)
        {
            State.Apply(Snapshot(market, now));
            State.Apply(Tick(market, now));
        }

        for (int game = 0; game < Games; game++)
        {
            for (int book = 0; book < Books; book++)
            {
                foreach (SportsbookQuote quote in QuotePair(game, book, now))
                {
                    State.Apply(quote);
                }
            }
        }

        // One pass so every mapping has been priced once, as in a running system.
        for (int market = 0; market < Markets; market++)
        {
            Detector.OnEvent(Tick(market, now));
        }
    }

    public int Games { get; }

    public MarketState State { get; }

    public MappingRegistry Mappings { get; }

    public FeeScheduleRegistry Fees { get; }

    public Detector Detector { get; }

    /// <summary>A world of its own: fresh state and registries, one detector.</summary>
    public static DetectorWorkload Create(int seed, DateTime now)
    {
        var state = new MarketState();
        var mappings = new MappingRegistry();
        var fees = new FeeScheduleRegistry();
        return new(seed, now, state, mappings, fees, () => new Detector(state, mappings, fees, new DetectionOptions(), TimeProvider.System));
    }

    /// <summary>
    /// The world built into a running application's state and registries (its mappings first, so the channel routes by
    /// them); <paramref name="detector"/> is resolved after the mappings exist.
    /// </summary>
    public static DetectorWorkload Into(int seed, DateTime now, MarketState state, MappingRegistry mappings, FeeScheduleRegistry fees, Func<Detector> detector)
        => new(seed, now, state, mappings, fees, detector);

    /// <summary>
    /// A stream of <paramref name="count"/> events stamped <paramref name="receivedAt"/>: 40% book deltas, 30% ticks,
    /// 30% sportsbook quotes (each book's two outcomes arrive as one pair, as a poll delivers them).
    /// </summary>
    public MarketEvent[] Stream(int count, DateTime receivedAt)
    {
        var events = new MarketEvent[count];
        int i = 0;
        while (i < count)
        {
            double kind = _rng.NextDouble();
            int market = _rng.Next(Markets);
            if (kind < 0.4)
            {
                events[i++] = Delta(market, receivedAt);
            }
            else if (kind < 0.7)
            {
                events[i++] = Tick(market, receivedAt);
            }
            else
            {
                foreach (SportsbookQuote quote in QuotePair(market / 2, _rng.Next(Books), receivedAt))
                {
                    if (i < count)
                    {
                        events[i++] = quote;
                    }
                }
            }
        }

        return events;
    }

    public static string Ticker(int market) => $"KXNBAGAME-B{market / 2:D4}-{(market % 2 == 0 ? "HOM" : "AWY")}";

    private static string EventId(int game) => $"evt{game:D6}";

    private static string Outcome(int market) => $"{(market % 2 == 0 ? "Home" : "Away")} {market / 2}";

    private double FairYes(int market) => market % 2 == 0 ? _fairHome[market / 2] : 1 - _fairHome[market / 2];

    /// <summary>Kalshi around fair: the ask mostly a cent or two above it, in about one quote in 25 far enough below it to be an edge.</summary>
    private (decimal Bid, decimal Ask) KalshiQuote(int market)
    {
        double fair = FairYes(market) + 0.02 + ((_rng.NextDouble() - 0.9) * 0.05);
        decimal ask = Math.Clamp(Math.Round((decimal)fair, 2), 0.02m, 0.98m);
        return (ask - 0.01m, ask);
    }

    private BookSnapshot Snapshot(int market, DateTime now)
    {
        (decimal bid, decimal ask) = KalshiQuote(market);
        BookLevel[] yes = Enumerable.Range(0, 5).Select(l => new BookLevel(bid - (0.01m * l), 500m + (100m * l))).Where(l => l.Price > 0m).ToArray();
        BookLevel[] no = Enumerable.Range(0, 5).Select(l => new BookLevel(1m - ask - (0.01m * l), 500m + (100m * l))).Where(l => l.Price > 0m).ToArray();
        _seq[market] = 1;
        return new BookSnapshot(Ticker(market), yes, no, 1, now, now);
    }

    private KalshiTick Tick(int market, DateTime now)
    {
        (decimal bid, decimal ask) = KalshiQuote(market);
        return new KalshiTick(Ticker(market), bid, ask, 400m, 300m, bid, 12_000m, 8_000m, now, now);
    }

    /// <summary>A resting-size change at an existing level of one side (moves the ask size the detector walks).</summary>
    private BookDelta Delta(int market, DateTime now)
    {
        Side side = _rng.Next(2) == 0 ? Side.No : Side.Yes;
        BookView? book = State.GetBook(Ticker(market));
        IReadOnlyList<BookLevel> levels = side == Side.Yes ? book?.YesBids ?? [] : book?.NoBids ?? [];
        decimal price = levels.Count > 0 ? levels[_rng.Next(levels.Count)].Price : 0.5m;
        decimal change = _rng.Next(2) == 0 ? 20m : -20m;
        return new BookDelta(Ticker(market), side, price, change, ++_seq[market], now, now);
    }

    private SportsbookQuote[] QuotePair(int game, int book, DateTime now)
    {
        double home = Math.Clamp(_fairHome[game] + ((_rng.NextDouble() - 0.5) * 0.02), 0.05, 0.95);
        return [Quote(game, book, $"Home {game}", (decimal)home, now), Quote(game, book, $"Away {game}", (decimal)(1 - home), now)];
    }

    private static SportsbookQuote Quote(int game, int book, string outcome, decimal fair, DateTime now)
    {
        decimal implied = Math.Round(fair * (1m + Vig), 4);
        decimal odds = Math.Round(1m / implied, 4);
        return new SportsbookQuote(
            EventId(game), "basketball_nba", $"book{book:D2}", "h2h", outcome, null, OddsMath.DecimalToAmerican(odds), odds,
            Math.Round(1m / odds, 6), fair, DevigMethod.Multiplicative, now, now);
    }
}
