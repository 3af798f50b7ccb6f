using System.Collections.Concurrent;
using System.Collections.Immutable;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// Latest state of every market, in memory: Kalshi top of book, L2 books, tradability, sportsbook quotes.
/// Changed in place: an event overwrites its market's book or quote slot, so applying one allocates nothing once the
/// market has been seen. Each market is written by the consumer thread that owns its game (several threads apply
/// events at once, each to its own games); readers on any thread get copies taken under that market's lock.
/// </summary>
public sealed class MarketState : IMarketEventVisitor<bool>
{
    private readonly ConcurrentDictionary<string, KalshiTick> _ticks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OrderBook> _books = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _tradable = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTime> _closeTimes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string EventId, string MarketType), QuoteSet> _quotes = new();
    private long _negativeLevels;
    private long _crossedBooks;

    /// <summary>Applies one event; returns false when it changed nothing the detector cares about.</summary>
    public bool Apply(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        return marketEvent.Accept(this);
    }

    bool IMarketEventVisitor<bool>.VisitKalshiTick(KalshiTick kalshiTick)
    {
        _ticks[kalshiTick.Ticker] = kalshiTick;
        return true;
    }

    bool IMarketEventVisitor<bool>.VisitBookSnapshot(BookSnapshot bookSnapshot)
    {
        OrderBook book = Book(bookSnapshot.Ticker);
        int crossed = book.CrossedCount;
        book.ApplySnapshot(bookSnapshot);
        Interlocked.Add(ref _crossedBooks, book.CrossedCount - crossed);
        return true;
    }

    bool IMarketEventVisitor<bool>.VisitBookDelta(BookDelta bookDelta)
    {
        OrderBook book = Book(bookDelta.Ticker);
        int negatives = book.NegativeLevelCount;
        int crossed = book.CrossedCount;
        if (!book.ApplyDelta(bookDelta))
        {
            return false;
        }

        // Only a delta can drive a level negative.
        Interlocked.Add(ref _negativeLevels, book.NegativeLevelCount - negatives);
        Interlocked.Add(ref _crossedBooks, book.CrossedCount - crossed);
        return true;
    }

    bool IMarketEventVisitor<bool>.VisitBookIntegrityChanged(BookIntegrityChanged bookIntegrityChanged)
    {
        Book(bookIntegrityChanged.Ticker).SetIntegrity(bookIntegrityChanged);
        return true;
    }

    bool IMarketEventVisitor<bool>.VisitMarketStatusChanged(MarketStatusChanged marketStatusChanged)
    {
        _tradable[marketStatusChanged.Ticker] = marketStatusChanged.IsTradable;
        if (marketStatusChanged.CloseTime is { } statedClose)
        {
            _closeTimes[marketStatusChanged.Ticker] = statedClose;
        }

        return true;
    }

    bool IMarketEventVisitor<bool>.VisitMarketCloseTimeChanged(MarketCloseTimeChanged marketCloseTimeChanged)
    {
        _closeTimes[marketCloseTimeChanged.Ticker] = marketCloseTimeChanged.CloseTime;
        return true;
    }

    // Fees are not market state: the detector applies the override to the fee registry and re-prices.
    bool IMarketEventVisitor<bool>.VisitEventFeeOverrideChanged(EventFeeOverrideChanged eventFeeOverrideChanged) => true;

    bool IMarketEventVisitor<bool>.VisitSportsbookQuote(SportsbookQuote sportsbookQuote)
    {
        _quotes.GetOrAdd((sportsbookQuote.EventId, sportsbookQuote.MarketType), static _ => new QuoteSet()).Set(sportsbookQuote);
        return true;
    }

    // Trades do not move state the detector prices from.
    bool IMarketEventVisitor<bool>.VisitKalshiTrade(KalshiTrade kalshiTrade) => false;

    /// <summary>Deltas that drove a level negative, over all books.</summary>
    public long NegativeLevels => Interlocked.Read(ref _negativeLevels);

    /// <summary>Snapshots and deltas that left a book crossed (YES ask at or below the YES bid), over all books: each was rejected.</summary>
    public long CrossedBooks => Interlocked.Read(ref _crossedBooks);

    public KalshiTick? GetTick(string ticker) => _ticks.GetValueOrDefault(ticker);

    public BookView? GetBook(string ticker) => _books.TryGetValue(ticker, out OrderBook? book) ? book.ToView() : null;

    /// <summary>
    /// A market is tradable at <paramref name="at"/> while its status allows it and its known close time has not
    /// passed, whatever quotes still arrive. It is tradable until a lifecycle event or discovery says otherwise
    /// (the simulator and some feeds never send one).
    /// </summary>
    public bool IsTradable(string ticker, DateTime at) =>
        _tradable.GetValueOrDefault(ticker, true) && !(_closeTimes.TryGetValue(ticker, out DateTime close) && at >= close);

    /// <summary>Latest quote of every book and outcome of one sportsbook market, each pair in order of its first quote.</summary>
    public IReadOnlyList<SportsbookQuote> GetQuotes(string eventId, string marketType) => [.. GetQuoteSnapshot(eventId, marketType)];

    /// <summary>
    /// Latest quote of every book and outcome of one sportsbook market, in the same order as <see cref="GetQuotes"/>,
    /// without a copy per call: the same array is returned until the market's next quote (<c>==</c> compares the
    /// array reference), so a reader may cache what it derives from one snapshot for as long as that holds.
    /// </summary>
    public ImmutableArray<SportsbookQuote> GetQuoteSnapshot(string eventId, string marketType)
        => _quotes.TryGetValue((eventId, marketType), out QuoteSet? quotes) ? quotes.Snapshot() : [];

    /// <summary>
    /// Best ask of a side in dollars for display: from the L2 book while it is trusted, else from the latest tick
    /// (NO ask = 1 − YES bid). Null when neither knows one. The detector does not price from an untrusted book at all.
    /// </summary>
    public decimal? BestAsk(string ticker, Side side)
    {
        if (_books.TryGetValue(ticker, out OrderBook? book) && book.TrustedBestAsk(side) is { } fromBook)
        {
            return fromBook;
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
        if (_books.TryGetValue(ticker, out OrderBook? book))
        {
            KalshiAsks fromBook = book.PublishedAsks(side);
            return TickIsNewer(tick, fromBook.ReceivedAt)
                ? fromBook with { ExchangeTs = tick!.ExchangeTs, ReceivedAt = tick.ReceivedAt }
                : fromBook;
        }

        if (tick is null)
        {
            return null;
        }

        IReadOnlyList<BookLevel> levels = TickTop(tick, side, out BookLevel top) ? [top] : [];
        return new KalshiAsks(ticker, side, levels, FromBook: false, Trusted: true, tick.ExchangeTs, tick.ReceivedAt);
    }

    /// <summary>The market's latest tick and its L2 book (null when not known), looked up once for both sides' <see cref="TryReadAsks"/>.</summary>
    internal void ReadLive(string ticker, out KalshiTick? tick, out OrderBook? book)
    {
        tick = GetTick(ticker);
        book = _books.GetValueOrDefault(ticker);
    }

    /// <summary>
    /// <see cref="GetAsks"/> without a copy, for the consumer thread that owns the market's game, from what
    /// <see cref="ReadLive"/> found: the book's live ladder, or the tick's top of book written into
    /// <paramref name="tickBuffer"/> (one level). False when neither is known.
    /// </summary>
    internal static bool TryReadAsks(KalshiTick? tick, OrderBook? book, Side side, BookLevel[] tickBuffer, out LiveAsks asks)
    {
        if (book is not null)
        {
            AskLadder ladder = book.Asks(side);
            bool tickNewer = TickIsNewer(tick, book.ReceivedAt);
            asks = new LiveAsks(
                ladder.Levels, ladder, ladder.Version, book.Trusted,
                tickNewer ? tick!.ExchangeTs : book.ExchangeTs, tickNewer ? tick!.ReceivedAt : book.ReceivedAt);
            return true;
        }

        if (tick is null)
        {
            asks = default;
            return false;
        }

        bool any = TickTop(tick, side, out tickBuffer[0]);
        asks = new LiveAsks(tickBuffer.AsSpan(0, any ? 1 : 0), tick, 0, trusted: true, tick.ExchangeTs, tick.ReceivedAt);
        return true;
    }

    /// <summary>The quotes of one sportsbook market, read in place by the consumer thread that owns its game; null before its first quote.</summary>
    internal QuoteSet? QuotesOf(string eventId, string marketType) => _quotes.GetValueOrDefault((eventId, marketType));

    private static bool TickIsNewer(KalshiTick? tick, DateTime bookReceivedAt) => tick is not null && tick.ReceivedAt > bookReceivedAt;

    /// <summary>Tick fallback: NO ask = 1 − YES bid, and its size is the YES bid's size; false when the tick shows no usable ask.</summary>
    private static bool TickTop(KalshiTick tick, Side side, out BookLevel top)
    {
        (decimal? price, decimal? size) = side == Side.Yes ? (tick.YesAsk, tick.YesAskSize) : (tick.NoAsk, tick.YesBidSize);
        bool usable = price is { } p && size is { } s && s > 0m && p is > 0m and < 1m;
        top = usable ? new BookLevel(price!.Value, size!.Value) : default;
        return usable;
    }

    private OrderBook Book(string ticker) => _books.GetOrAdd(ticker, static t => new OrderBook(t));
}
