using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Tests.Market;

/// <summary>
/// Market state is changed in place. After every event of a hand-built sequence, and of a long random one, what
/// readers see must equal a from-scratch model of the same events: bids per side summed by price and sorted, asks
/// derived as 1 − the other side's bids, the newer of book and tick for the times, quotes overwritten per book and outcome.
/// </summary>
public sealed class MarketStateInPlaceTests
{
    private const string Ticker = "KXNBAGAME-25NOV29LALBOS-LAL";
    private static readonly DateTime T0 = new(2026, 11, 29, 20, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_hand_built_sequence_reads_the_same_as_a_model_rebuilt_from_the_events()
    {
        var state = new MarketState();
        var model = new BookModel();
        void Apply(MarketEvent e, bool changes = true)
        {
            Assert.Equal(changes, state.Apply(e));
            if (changes)
            {
                model.Apply(e);
            }

            model.AssertSame(state);
        }

        // Bids arrive unsorted; 0.45 is listed twice and sums to 300.
        Apply(new BookSnapshot(Ticker, [new BookLevel(0.44m, 100), new BookLevel(0.45m, 200), new BookLevel(0.45m, 100)], [new BookLevel(0.53m, 20), new BookLevel(0.54m, 50)], 1, T0, T0));
        Apply(Delta(Side.Yes, 0.45m, -100m, 2));   // 300 − 100 = 200
        Apply(Delta(Side.No, 0.54m, -50m, 3));     // level gone
        Apply(Delta(Side.Yes, 0.46m, 10m, 4));     // new best YES bid
        Apply(Delta(Side.No, 0.50m, 5m, 5));       // new worst NO bid: a dearer YES ask at the end of the ladder
        Apply(Delta(Side.Yes, 0.44m, -100m, 6));   // last YES level gone
        Apply(Delta(Side.Yes, 0.46m, 99m, 4), changes: false); // replayed: older than the book

        // By hand: YES bids 0.46 × 10, 0.45 × 200; NO bids 0.53 × 20, 0.50 × 5 -> YES asks 0.47 × 20, 0.50 × 5; NO asks 0.54 × 10, 0.55 × 200.
        Assert.Equal([new BookLevel(0.47m, 20), new BookLevel(0.50m, 5)], state.GetAsks(Ticker, Side.Yes)!.Levels);
        Assert.Equal([new BookLevel(0.54m, 10), new BookLevel(0.55m, 200)], state.GetAsks(Ticker, Side.No)!.Levels);

        // A newer tick lends the asks its times; the ladders stay the book's, as the same instances.
        IReadOnlyList<BookLevel> yesLevels = state.GetAsks(Ticker, Side.Yes)!.Levels;
        Apply(new KalshiTick(Ticker, 0.44m, 0.48m, 100m, 100m, 0.45m, 1000m, 10m, T0.AddSeconds(9), T0.AddSeconds(9)));
        Assert.Same(yesLevels, state.GetAsks(Ticker, Side.Yes)!.Levels);

        // Crossed (0.46 + 0.56 >= 1): untrusted until a clean snapshot.
        Apply(Delta(Side.No, 0.56m, 1m, 7));
        Assert.False(state.GetBook(Ticker)!.Trusted);
        Apply(new BookSnapshot(Ticker, [new BookLevel(0.40m, 7)], [new BookLevel(0.55m, 3)], 8, T0.AddSeconds(10), T0.AddSeconds(10)));
        Assert.True(state.GetBook(Ticker)!.Trusted);
        Apply(new BookIntegrityChanged(Ticker, false, "sequence gap", T0.AddSeconds(11), T0.AddSeconds(11)));
    }

    [Fact]
    public void Quotes_are_overwritten_per_book_and_outcome_in_the_order_each_pair_first_came()
    {
        var state = new MarketState();
        SportsbookQuote Quote(string book, string outcome, int american) => new(
            "evt", "basketball_nba", book, "h2h", outcome, null, american, 2m, 0.5m, 0.5m, DevigMethod.Multiplicative, T0, T0);

        SportsbookQuote aHome = Quote("a", "Home", -110), aAway = Quote("a", "Away", -110), bHome = Quote("b", "Home", 100);
        SportsbookQuote aHomeAgain = Quote("a", "Home", -120);
        foreach (SportsbookQuote quote in new[] { aHome, aAway, bHome, aHomeAgain })
        {
            state.Apply(quote);
        }

        Assert.Equal([aHomeAgain, aAway, bHome], state.GetQuotes("evt", "h2h"));
        Assert.Empty(state.GetQuotes("evt", "totals"));
    }

    [Fact]
    public void A_long_random_sequence_of_deltas_and_snapshots_matches_the_model_after_every_event()
    {
        var random = new Random(5);
        var state = new MarketState();
        var model = new BookModel();
        long seq = 0;
        for (int i = 0; i < 5_000; i++)
        {
            DateTime at = T0.AddMilliseconds(i);
            // Prices on a cent grid low enough that the book never crosses (YES below 0.50, NO below 0.50).
            decimal price = 0.01m * random.Next(1, 50);
            MarketEvent e = random.Next(50) == 0
                ? new BookSnapshot(Ticker, [new BookLevel(price, random.Next(1, 100))], [new BookLevel(0.49m - price + 0.01m, random.Next(1, 100))], ++seq, at, at)
                : new BookDelta(Ticker, random.Next(2) == 0 ? Side.Yes : Side.No, price, random.Next(-60, 100), ++seq, at, at);
            state.Apply(e);
            model.Apply(e);
            model.AssertSame(state);
        }
    }

    private static BookDelta Delta(Side side, decimal price, decimal delta, long seq) =>
        new(Ticker, side, price, delta, seq, T0.AddSeconds(seq), T0.AddSeconds(seq));

    /// <summary>The book as the events say, rebuilt from nothing at every read; trust is not modelled, only read back.</summary>
    private sealed class BookModel
    {
        private readonly Dictionary<decimal, decimal> _yes = [];
        private readonly Dictionary<decimal, decimal> _no = [];
        private DateTime _bookAt;
        private DateTime _bookExchangeTs;
        private KalshiTick? _tick;

        public void Apply(MarketEvent e)
        {
            switch (e)
            {
                case BookSnapshot snapshot:
                    Load(_yes, snapshot.YesBids);
                    Load(_no, snapshot.NoBids);
                    break;
                case BookDelta delta:
                    Dictionary<decimal, decimal> side = delta.Side == Side.Yes ? _yes : _no;
                    decimal size = side.GetValueOrDefault(delta.Price) + delta.Delta;
                    if (size > 0m)
                    {
                        side[delta.Price] = size;
                    }
                    else
                    {
                        side.Remove(delta.Price);
                    }

                    break;
                case KalshiTick tick:
                    _tick = tick;
                    return;
            }

            (_bookAt, _bookExchangeTs) = (e.ReceivedAt, e.ExchangeTs);
        }

        public void AssertSame(MarketState state)
        {
            BookView book = state.GetBook(Ticker)!;
            Assert.Equal(Sorted(_yes, descending: true), book.YesBids);
            Assert.Equal(Sorted(_no, descending: true), book.NoBids);
            Assert.Equal(_bookAt, book.UpdatedAt);
            foreach (Side side in new[] { Side.Yes, Side.No })
            {
                KalshiAsks asks = state.GetAsks(Ticker, side)!;
                Dictionary<decimal, decimal> opposite = side == Side.Yes ? _no : _yes;
                Assert.Equal(Sorted(opposite.ToDictionary(l => 1m - l.Key, l => l.Value), descending: false), asks.Levels);
                Assert.Equal(book.Trusted, asks.Trusted);
                bool tickNewer = _tick is not null && _tick.ReceivedAt > _bookAt;
                Assert.Equal(tickNewer ? _tick!.ReceivedAt : _bookAt, asks.ReceivedAt);
                Assert.Equal(tickNewer ? _tick!.ExchangeTs : _bookExchangeTs, asks.ExchangeTs);
                decimal? best = book.Trusted && asks.Levels.Count > 0 ? asks.Levels[0].Price : side == Side.Yes ? _tick?.YesAsk : _tick?.NoAsk;
                Assert.Equal(best, state.BestAsk(Ticker, side));
            }
        }

        private static void Load(Dictionary<decimal, decimal> side, IReadOnlyList<BookLevel> levels)
        {
            side.Clear();
            foreach (BookLevel level in levels.Where(l => l.Size > 0m))
            {
                side[level.Price] = side.GetValueOrDefault(level.Price) + level.Size;
            }
        }

        private static BookLevel[] Sorted(Dictionary<decimal, decimal> side, bool descending) =>
            [.. (descending ? side.OrderByDescending(l => l.Key) : side.OrderBy(l => l.Key)).Select(l => new BookLevel(l.Key, l.Value))];
    }
}
