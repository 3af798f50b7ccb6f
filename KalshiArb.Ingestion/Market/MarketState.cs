using System.Collections.Concurrent;
using System.Collections.Immutable;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// Latest state of every market, in memory: Kalshi top of book, L2 books, tradability, sportsbook quotes.
/// Mutated only by the pipeline's consumer thread; safe to read from any thread (readers see immutable
/// snapshots published after each change).
/// </summary>
public sealed class MarketState
{
    private readonly ConcurrentDictionary<string, KalshiTick> _ticks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrderBook> _books = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PublishedBook> _views = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _tradable = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTime> _closeTimes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string EventId, string MarketType), QuoteSet> _quotes = new();
    private long _negativeLevels;
    private long _crossedBooks;

    /// <summary>Applies one event; returns false when it changed nothing the detector cares about.</summary>
    public bool Apply(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        switch (marketEvent)
        {
            case KalshiTick tick:
                _ticks[tick.Ticker] = tick;
                return true;
            case BookSnapshot snapshot:
                OrderBook loaded = Book(snapshot.Ticker);
                int crossedBefore = loaded.CrossedCount;
                loaded.ApplySnapshot(snapshot);
                Interlocked.Add(ref _crossedBooks, loaded.CrossedCount - crossedBefore);
                return Publish(snapshot.Ticker);
            case BookDelta delta:
                OrderBook book = Book(delta.Ticker);
                int negatives = book.NegativeLevelCount;
                int crossed = book.CrossedCount;
                if (!book.ApplyDelta(delta))
                {
                    return false;
                }

                // Only a delta can drive a level negative.
                Interlocked.Add(ref _negativeLevels, book.NegativeLevelCount - negatives);
                Interlocked.Add(ref _crossedBooks, book.CrossedCount - crossed);
                return Publish(delta.Ticker);
            case BookIntegrityChanged integrity:
                Book(integrity.Ticker).SetIntegrity(integrity);
                return Publish(integrity.Ticker);
            case MarketStatusChanged status:
                _tradable[status.Ticker] = status.IsTradable;
                if (status.CloseTime is { } statedClose)
                {
                    _closeTimes[status.Ticker] = statedClose;
                }

                return true;
            case MarketCloseTimeChanged close:
                _closeTimes[close.Ticker] = close.CloseTime;
                return true;
            case EventFeeOverrideChanged:
                // Fees are not market state: the detector applies the override to the fee registry and re-prices.
                return true;
            case SportsbookQuote quote:
                // Only this thread writes, so read-modify-write needs no retry loop.
                (string, string) market = (quote.EventId, quote.MarketType);
                ImmutableDictionary<(string, string), SportsbookQuote> byBookOutcome = _quotes.TryGetValue(market, out QuoteSet? existing)
                    ? existing.ByBookOutcome
                    : ImmutableDictionary<(string, string), SportsbookQuote>.Empty;
                _quotes[market] = new QuoteSet(byBookOutcome.SetItem((quote.Book, quote.Outcome), quote));
                return true;
            default:
                // Trades (and anything newer) do not move state the detector prices from.
                return false;
        }
    }

    /// <summary>Deltas that drove a level negative, over all books.</summary>
    public long NegativeLevels => Interlocked.Read(ref _negativeLevels);

    /// <summary>Snapshots and deltas that left a book crossed (YES ask at or below the YES bid), over all books: each was rejected.</summary>
    public long CrossedBooks => Interlocked.Read(ref _crossedBooks);

    public KalshiTick? GetTick(string ticker) => _ticks.GetValueOrDefault(ticker);

    public BookView? GetBook(string ticker) => _views.TryGetValue(ticker, out PublishedBook? published) ? published.View : null;

    /// <summary>
    /// A market is tradable at <paramref name="at"/> while its status allows it and its known close time has not
    /// passed, whatever quotes still arrive. It is tradable until a lifecycle event or discovery says otherwise
    /// (the simulator and some feeds never send one).
    /// </summary>
    public bool IsTradable(string ticker, DateTime at) =>
        _tradable.GetValueOrDefault(ticker, true) && !(_closeTimes.TryGetValue(ticker, out DateTime close) && at >= close);

    /// <summary>Latest quote of every book and outcome of one sportsbook market.</summary>
    public IReadOnlyList<SportsbookQuote> GetQuotes(string eventId, string marketType) => [.. GetQuoteSnapshot(eventId, marketType)];

    /// <summary>
    /// Latest quote of every book and outcome of one sportsbook market, in the same order as <see cref="GetQuotes"/>,
    /// without a copy. Every quote change publishes a new array, so a reader may cache what it derives from one
    /// snapshot for as long as the next call returns the same array (<c>==</c> compares the array reference).
    /// </summary>
    public ImmutableArray<SportsbookQuote> GetQuoteSnapshot(string eventId, string marketType)
        => _quotes.TryGetValue((eventId, marketType), out QuoteSet? quotes) ? quotes.Quotes : [];

    /// <summary>
    /// Best ask of a side in dollars for display: from the L2 book while it is trusted, else from the latest tick
    /// (NO ask = 1 − YES bid). Null when neither knows one. The detector does not price from an untrusted book at all.
    /// </summary>
    public decimal? BestAsk(string ticker, Side side)
    {
        if (_views.TryGetValue(ticker, out PublishedBook? book) && book.View.Trusted)
        {
            IReadOnlyList<BookLevel> ladder = book.Asks(side).Levels;
            if (ladder.Count > 0)
            {
                return ladder[0].Price;
            }
        }

        KalshiTick? tick = GetTick(ticker);
        return side == Side.Yes ? tick?.YesAsk : tick?.NoAsk;
    }

    /// <summary>
    /// What one can buy of <paramref name="side"/> on <paramref name="ticker"/>: the L2 book's ask ladder when a book
    /// exists (YES asks = 1 − NO bids, NO asks = 1 − YES bids), else the tick's top of book. Null when neither is known.
    /// </summary>
    public KalshiAsks? GetAsks(string ticker, Side side)
    {
        KalshiTick? tick = GetTick(ticker);
        if (_views.TryGetValue(ticker, out PublishedBook? book))
        {
            KalshiAsks fromBook = book.Asks(side);
            return tick is not null && tick.ReceivedAt > book.View.UpdatedAt
                ? fromBook with { ExchangeTs = tick.ExchangeTs, ReceivedAt = tick.ReceivedAt }
                : fromBook;
        }

        if (tick is null)
        {
            return null;
        }

        // Tick fallback: NO ask = 1 − YES bid, and its size is the YES bid's size.
        (decimal? price, decimal? size) = side == Side.Yes ? (tick.YesAsk, tick.YesAskSize) : (tick.NoAsk, tick.YesBidSize);
        IReadOnlyList<BookLevel> levels = price is { } p && size is { } s && s > 0m && p is > 0m and < 1m ? [new BookLevel(p, s)] : [];
        return new KalshiAsks(ticker, side, levels, FromBook: false, Trusted: true, tick.ExchangeTs, tick.ReceivedAt);
    }

    private OrderBook Book(string ticker)
    {
        if (!_books.TryGetValue(ticker, out OrderBook? book))
        {
            book = new OrderBook(ticker);
            _books[ticker] = book;
        }

        return book;
    }

    /// <summary>Publishes the book's new state to readers; returns true.</summary>
    private bool Publish(string ticker)
    {
        OrderBook book = _books[ticker];
        _views[ticker] = new PublishedBook(book.ToView(), book.ExchangeTs, _views.GetValueOrDefault(ticker));
        return true;
    }

    /// <summary>
    /// One book as readers see it, with both ask ladders derived once per change rather than once per read. A side
    /// whose bids did not change keeps its previous ladder instance, so what was derived from it stays reusable.
    /// </summary>
    private sealed class PublishedBook
    {
        private readonly KalshiAsks _yesAsks;
        private readonly KalshiAsks _noAsks;

        public PublishedBook(BookView view, DateTime exchangeTs, PublishedBook? previous)
        {
            View = view;
            IReadOnlyList<BookLevel> yesLadder = previous is not null && SameLevels(previous.View.NoBids, view.NoBids)
                ? previous._yesAsks.Levels
                : BookWalk.AskLadder(view.NoBids);
            IReadOnlyList<BookLevel> noLadder = previous is not null && SameLevels(previous.View.YesBids, view.YesBids)
                ? previous._noAsks.Levels
                : BookWalk.AskLadder(view.YesBids);
            _yesAsks = new KalshiAsks(view.Ticker, Side.Yes, yesLadder, FromBook: true, view.Trusted, exchangeTs, view.UpdatedAt);
            _noAsks = new KalshiAsks(view.Ticker, Side.No, noLadder, FromBook: true, view.Trusted, exchangeTs, view.UpdatedAt);
        }

        public BookView View { get; }

        public KalshiAsks Asks(Side side) => side == Side.Yes ? _yesAsks : _noAsks;

        /// <summary>Same prices and sizes, digit for digit (scale included), so a reused ladder is exactly the one a rebuild would give.</summary>
        private static bool SameLevels(IReadOnlyList<BookLevel> a, IReadOnlyList<BookLevel> b)
        {
            if (a.Count != b.Count)
            {
                return false;
            }

            for (int i = 0; i < a.Count; i++)
            {
                if (!Identical(a[i].Price, b[i].Price) || !Identical(a[i].Size, b[i].Size))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool Identical(decimal x, decimal y) => x == y && x.Scale == y.Scale;
    }

    /// <summary>One sportsbook market's quotes, keyed for updates, with the array readers get built once per change.</summary>
    private sealed class QuoteSet(ImmutableDictionary<(string Book, string Outcome), SportsbookQuote> byBookOutcome)
    {
        public ImmutableDictionary<(string Book, string Outcome), SportsbookQuote> ByBookOutcome { get; } = byBookOutcome;

        public ImmutableArray<SportsbookQuote> Quotes { get; } = [.. byBookOutcome.Values];
    }
}
