using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// The mutable L2 book of one Kalshi market, built from a snapshot and the deltas after it. Bids only, on both
/// sides, each priced on its own leg (a NO bid at $0.40 is an offer to sell YES at $0.60). Owned by the
/// pipeline's consumer thread; readers get <see cref="ToView"/> copies.
/// </summary>
/// <remarks>
/// Kalshi numbers messages per subscription, and one subscription carries many markets, so one market's deltas
/// are increasing but not consecutive. Gaps can only be seen per subscription: the feed watches them and sends
/// <see cref="BookIntegrityChanged"/>. Here a delta must only be newer than the last message; an older one is a
/// replay and is dropped.
/// </remarks>
public sealed class OrderBook
{
    private readonly SortedDictionary<decimal, decimal> _yesBids = new(DescendingPrice.Instance);
    private readonly SortedDictionary<decimal, decimal> _noBids = new(DescendingPrice.Instance);

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
        Load(_yesBids, snapshot.YesBids);
        Load(_noBids, snapshot.NoBids);
        Seq = snapshot.Seq;
        Trusted = true;
        RejectIfCrossed();
        Touch(snapshot);
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

        SortedDictionary<decimal, decimal> side = delta.Side == Side.Yes ? _yesBids : _noBids;
        decimal size = (side.TryGetValue(delta.Price, out decimal resting) ? resting : 0m) + delta.Delta;
        if (size < 0m)
        {
            NegativeLevelCount++;
            Trusted = false;
        }

        if (size <= 0m)
        {
            side.Remove(delta.Price);
        }
        else
        {
            side[delta.Price] = size;
        }

        Seq = delta.Seq;
        RejectIfCrossed();
        Touch(delta);
        return true;
    }

    /// <summary>The feed says the book was lost or restored as a whole.</summary>
    public void SetIntegrity(BookIntegrityChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        // A feed's "whole again" does not make a crossed book right.
        Trusted = change.Trusted && !IsCrossed;
        Touch(change);
    }

    /// <summary>An immutable copy; <see cref="BookView.UpdatedAt"/> is our receive time of the last change.</summary>
    public BookView ToView() => new(
        Ticker,
        Levels(_yesBids),
        Levels(_noBids),
        Trusted,
        Seq,
        ReceivedAt);

    private static BookLevel[] Levels(SortedDictionary<decimal, decimal> side)
    {
        var levels = new BookLevel[side.Count];
        int i = 0;
        foreach ((decimal price, decimal size) in side)
        {
            levels[i++] = new BookLevel(price, size);
        }

        return levels;
    }

    private static void Load(SortedDictionary<decimal, decimal> side, IReadOnlyList<BookLevel> levels)
    {
        side.Clear();
        foreach (BookLevel level in levels)
        {
            if (level.Size > 0m)
            {
                side[level.Price] = (side.TryGetValue(level.Price, out decimal resting) ? resting : 0m) + level.Size;
            }
        }
    }

    private bool IsCrossed => _yesBids.Count > 0 && _noBids.Count > 0 && _yesBids.First().Key + _noBids.First().Key >= 1m;

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

    private sealed class DescendingPrice : IComparer<decimal>
    {
        public static readonly DescendingPrice Instance = new();

        public int Compare(decimal x, decimal y) => y.CompareTo(x);
    }
}
