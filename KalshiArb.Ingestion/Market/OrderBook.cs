using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// The mutable L2 book of one Kalshi market, built from a snapshot and the deltas after it. Bids only, on both
/// sides, each priced on its own leg (a NO bid at $0.40 is an offer to sell YES at $0.60). Owned by the
/// consumer thread that owns the market's game, and changed in place (no allocation per change once grown); readers
/// on other threads get <see cref="ToView"/> copies, taken under the book's lock, which every change also holds.
/// </summary>
/// <remarks>
/// Kalshi numbers messages per subscription, and one subscription carries many markets, so one market's deltas
/// are increasing but not consecutive. Gaps can only be seen per subscription: the feed watches them and sends
/// <see cref="BookIntegrityChanged"/>. Here a delta must only be newer than the last message; an older one is a
/// replay and is dropped.
/// </remarks>
internal sealed class OrderBook
{
    private readonly Lock _gate = new();
    private readonly BidLevels _yesBids = new();
    private readonly BidLevels _noBids = new();
    private readonly AskLadder _yesAsks = new();
    private readonly AskLadder _noAsks = new();

    public OrderBook(string ticker)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticker);
        Ticker = ticker;
    }

    public string Ticker { get; }

    /// <summary>Sequence number of the last applied message; 0 before the first snapshot.</summary>
    public long Seq { get; private set; }

    /// <summary>
    /// False before the first snapshot and after a negative level, a crossed book or a feed integrity loss, until
    /// the next snapshot that is not crossed.
    /// </summary>
    public bool Trusted { get; private set; }

    /// <summary>Deltas that drove a level below zero: the book was wrong before them.</summary>
    public int NegativeLevelCount { get; private set; }

    /// <summary>
    /// Times the book became crossed: best YES bid + best NO bid at or above $1, i.e. a YES ask at or below the YES
    /// bid. Kalshi would have matched those orders, so the book was read wrong (most likely under the other price
    /// convention) and is not trusted.
    /// </summary>
    public int CrossedCount { get; private set; }

    public DateTime ExchangeTs { get; private set; }

    public DateTime ReceivedAt { get; private set; }

    public void ApplySnapshot(BookSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            Load(_yesBids, snapshot.YesBids);
            Load(_noBids, snapshot.NoBids);
            _noAsks.Derive(_yesBids.Levels);
            _yesAsks.Derive(_noBids.Levels);
            Seq = snapshot.Seq;
            Trusted = true;
            RejectIfCrossed();
            Touch(snapshot);
        }
    }

    /// <summary>
    /// Applies a size change at one level: an unknown level is added, a size at or below zero removes the level,
    /// and a size below zero also marks the book untrusted (it was wrong before). A delta at or below the last
    /// sequence number is a replay and is ignored; returns false then.
    /// </summary>
    public bool ApplyDelta(BookDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (Seq != 0 && delta.Seq <= Seq)
        {
            return false;
        }

        lock (_gate)
        {
            BidLevels side = delta.Side == Side.Yes ? _yesBids : _noBids;
            decimal size = side.SizeAt(delta.Price) + delta.Delta;
            if (size < 0m)
            {
                NegativeLevelCount++;
                Trusted = false;
            }

            side.Set(delta.Price, size);
            // YES bids are what NO buyers take, and the other way round.
            (delta.Side == Side.Yes ? _noAsks : _yesAsks).Derive(side.Levels);
            Seq = delta.Seq;
            RejectIfCrossed();
            Touch(delta);
            return true;
        }
    }

    /// <summary>The feed says the book was lost or restored as a whole.</summary>
    public void SetIntegrity(BookIntegrityChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            // A feed's "whole again" does not make a crossed book right.
            Trusted = change.Trusted && !IsCrossed;
            Touch(change);
        }
    }

    /// <summary>An immutable copy; <see cref="BookView.UpdatedAt"/> is our receive time of the last change.</summary>
    public BookView ToView()
    {
        lock (_gate)
        {
            return new(Ticker, _yesBids.Levels.ToArray(), _noBids.Levels.ToArray(), Trusted, Seq, ReceivedAt);
        }
    }

    /// <summary>The live ask ladder of <paramref name="side"/>: read it on the book's consumer thread only.</summary>
    internal AskLadder Asks(Side side) => side == Side.Yes ? _yesAsks : _noAsks;

    /// <summary>An immutable copy of <paramref name="side"/>'s asks (the same instance while they do not change), with the book's trust and times.</summary>
    internal KalshiAsks PublishedAsks(Side side)
    {
        lock (_gate)
        {
            return new KalshiAsks(Ticker, side, Asks(side).Published(), FromBook: true, Trusted, ExchangeTs, ReceivedAt);
        }
    }

    /// <summary>The cheapest ask of <paramref name="side"/> while the book is trusted; null otherwise or when there is none.</summary>
    internal decimal? TrustedBestAsk(Side side)
    {
        lock (_gate)
        {
            AskLadder asks = Asks(side);
            return Trusted && asks.Count > 0 ? asks.Levels[0].Price : null;
        }
    }

    private static void Load(BidLevels side, IReadOnlyList<BookLevel> levels)
    {
        side.Clear();
        foreach (BookLevel level in levels)
        {
            if (level.Size > 0m)
            {
                side.Set(level.Price, side.SizeAt(level.Price) + level.Size);
            }
        }
    }

    private bool IsCrossed => _yesBids.Count > 0 && _noBids.Count > 0 && _yesBids.Levels[0].Price + _noBids.Levels[0].Price >= 1m;

    private void RejectIfCrossed()
    {
        if (Trusted && IsCrossed)
        {
            CrossedCount++;
            Trusted = false;
        }
    }

    private void Touch(MarketEvent change)
    {
        ExchangeTs = change.ExchangeTs;
        ReceivedAt = change.ReceivedAt;
    }
}
