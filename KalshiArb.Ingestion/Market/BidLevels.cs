using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// One side's resting bids, best (highest price) first, in a reused array: a level's size changes in place, and
/// adding or removing a level shifts the few levels behind it, so the book allocates nothing once it has grown.
/// Prices are compared by value (0.60 and 0.600 are one level); a level keeps the price as it was first written.
/// </summary>
internal sealed class BidLevels
{
    private BookLevel[] _levels = new BookLevel[8];

    public int Count { get; private set; }

    public ReadOnlySpan<BookLevel> Levels => _levels.AsSpan(0, Count);

    /// <summary>The resting size at <paramref name="price"/>, 0 when there is no such level.</summary>
    public decimal SizeAt(decimal price)
    {
        int at = Find(price);
        return at >= 0 ? _levels[at].Size : 0m;
    }

    /// <summary>Sets the level at <paramref name="price"/> to <paramref name="size"/>; a size at or below zero removes it.</summary>
    public void Set(decimal price, decimal size)
    {
        int at = Find(price);
        if (at >= 0)
        {
            if (size <= 0m)
            {
                Array.Copy(_levels, at + 1, _levels, at, Count - at - 1);
                Count--;
            }
            else
            {
                _levels[at] = _levels[at] with { Size = size };
            }

            return;
        }

        if (size <= 0m)
        {
            return;
        }

        at = ~at;
        if (Count == _levels.Length)
        {
            Array.Resize(ref _levels, _levels.Length * 2);
        }

        Array.Copy(_levels, at, _levels, at + 1, Count - at);
        _levels[at] = new BookLevel(price, size);
        Count++;
    }

    public void Clear() => Count = 0;

    /// <summary>Index of the level at <paramref name="price"/>, else the complement of where it would go.</summary>
    private int Find(decimal price)
    {
        int lo = 0, hi = Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int order = price.CompareTo(_levels[mid].Price);
            if (order == 0)
            {
                return mid;
            }

            // Descending: a higher price sits before.
            if (order > 0)
            {
                hi = mid - 1;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return ~lo;
    }
}
