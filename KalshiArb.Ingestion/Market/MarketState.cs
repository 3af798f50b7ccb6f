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
    private readonly ConcurrentDictionary<(string EventId, string MarketType), ImmutableDictionary<(string Book, string Outcome), SportsbookQuote>> _quotes = new();
    private long _negativeLevels;

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
                return ChangeBook(snapshot.Ticker, book =>
                {
                    book.ApplySnapshot(snapshot);
                    return true;
                });
            case BookDelta delta:
                return ChangeBook(delta.Ticker, book => book.ApplyDelta(delta));
            case BookIntegrityChanged integrity:
                return ChangeBook(integrity.Ticker, book =>
                {
                    book.SetIntegrity(integrity);
                    return true;
                });
            case MarketStatusChanged status:
                _tradable[status.Ticker] = status.IsTradable;
                return true;
            case SportsbookQuote quote:
                _quotes.AddOrUpdate(
                    (quote.EventId, quote.MarketType),
                    _ => ImmutableDictionary<(string, string), SportsbookQuote>.Empty.Add((quote.Book, quote.Outcome), quote),
                    (_, existing) => existing.SetItem((quote.Book, quote.Outcome), quote));
                return true;
            default:
                // Trades (and anything newer) do not move state the detector prices from.
                return false;
        }
    }

    public IReadOnlyCollection<string> KalshiTickers => _ticks.Keys.Union(_views.Keys, StringComparer.Ordinal).ToArray();

    /// <summary>Deltas that drove a level negative, over all books.</summary>
    public long NegativeLevels => Interlocked.Read(ref _negativeLevels);

    public KalshiTick? GetTick(string ticker) => _ticks.GetValueOrDefault(ticker);

    public BookView? GetBook(string ticker) => _views.TryGetValue(ticker, out PublishedBook? published) ? published.View : null;

    /// <summary>A market is tradable until a lifecycle event says otherwise (the simulator and some feeds never send one).</summary>
    public bool IsTradable(string ticker) => _tradable.GetValueOrDefault(ticker, true);

    /// <summary>Latest quote of every book and outcome of one sportsbook market.</summary>
    public IReadOnlyList<SportsbookQuote> GetQuotes(string eventId, string marketType)
        => _quotes.TryGetValue((eventId, marketType), out var quotes) ? quotes.Values.ToArray() : [];

    /// <summary>
    /// Best ask of a side in dollars for display: from the L2 book while it is trusted, else from the latest tick
    /// (NO ask = 1 − YES bid). Null when neither knows one. The detector does not price from an untrusted book at all.
    /// </summary>
    public decimal? BestAsk(string ticker, Side side)
    {
        if (_views.TryGetValue(ticker, out PublishedBook? book) && book.View.Trusted)
        {
            IReadOnlyList<BookLevel> ladder = BookWalk.AskLadder(side == Side.Yes ? book.View.NoBids : book.View.YesBids);
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
            IReadOnlyList<BookLevel> ladder = BookWalk.AskLadder(side == Side.Yes ? book.View.NoBids : book.View.YesBids);
            bool tickNewer = tick is not null && tick.ReceivedAt > book.View.UpdatedAt;
            return new KalshiAsks(
                ticker,
                side,
                ladder,
                FromBook: true,
                book.View.Trusted,
                tickNewer ? tick!.ExchangeTs : book.ExchangeTs,
                tickNewer ? tick!.ReceivedAt : book.View.UpdatedAt);
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

    private bool ChangeBook(string ticker, Func<OrderBook, bool> change)
    {
        if (!_books.TryGetValue(ticker, out OrderBook? book))
        {
            book = new OrderBook(ticker);
            _books[ticker] = book;
        }

        int negatives = book.NegativeLevelCount;
        if (!change(book))
        {
            return false;
        }

        Interlocked.Add(ref _negativeLevels, book.NegativeLevelCount - negatives);
        _views[ticker] = new PublishedBook(book.ToView(), book.ExchangeTs);
        return true;
    }

    private sealed record PublishedBook(BookView View, DateTime ExchangeTs);
}
