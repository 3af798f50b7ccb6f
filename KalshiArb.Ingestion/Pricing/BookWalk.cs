using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pricing;

/// <summary>Executable size on a Kalshi book, which holds bids only: the asks of one side are the other side's bids.</summary>
public static class BookWalk
{
    /// <summary>
    /// The ask ladder of a side from the opposite side's bids (YES asks = 1 − NO bids, NO asks = 1 − YES bids),
    /// best (cheapest) first. Levels with no size or a price outside (0, 1) are dropped; equal prices merge.
    /// </summary>
    public static IReadOnlyList<BookLevel> AskLadder(IReadOnlyList<BookLevel> oppositeBids)
    {
        ArgumentNullException.ThrowIfNull(oppositeBids);
        // A book's bids come best (highest) first with distinct prices: their asks are then already cheapest first
        // and distinct, so one pass suffices. Anything else takes the general path.
        var asks = new List<BookLevel>(oppositeBids.Count);
        decimal previousBid = decimal.MaxValue;
        for (int i = 0; i < oppositeBids.Count; i++)
        {
            BookLevel bid = oppositeBids[i];
            if (bid.Size <= 0m || bid.Price is <= 0m or >= 1m)
            {
                continue;
            }

            if (bid.Price >= previousBid)
            {
                return MergeAndSort(oppositeBids);
            }

            previousBid = bid.Price;
            asks.Add(new BookLevel(1m - bid.Price, bid.Size));
        }

        return asks;
    }

    /// <summary>
    /// Walks <paramref name="asks"/> best first, in whole contracts up to <paramref name="maxContracts"/>, and returns the
    /// largest fill whose totals (average price and order fee) still satisfy <paramref name="clears"/>; within the
    /// last level it takes the largest part that clears. It never extends into a level that lowers
    /// <paramref name="profit"/>: an average can still clear while the added contracts lose money, and that size is
    /// not worth showing. Null when not even one contract clears.
    /// </summary>
    /// <param name="orderFee">the Kalshi fee of an order with these fills.</param>
    /// <param name="clears">the edge test, judged on the whole fill (e.g. edge % at or above the threshold).</param>
    /// <param name="profit">the dollars the whole fill makes (expected or locked).</param>
    public static BookFill? Walk(
        IReadOnlyList<BookLevel> asks,
        decimal maxContracts,
        Func<IReadOnlyList<BookLevel>, decimal> orderFee,
        Func<BookFill, bool> clears,
        Func<BookFill, decimal> profit)
    {
        ArgumentNullException.ThrowIfNull(asks);
        ArgumentNullException.ThrowIfNull(orderFee);
        ArgumentNullException.ThrowIfNull(clears);
        ArgumentNullException.ThrowIfNull(profit);

        // The profit of the best fill so far is computed once, when it becomes the best.
        var taken = new List<BookLevel>(asks.Count);
        BookFill? best = null;
        decimal bestProfit = 0m;
        bool Improves(BookFill candidate, out decimal candidateProfit)
        {
            candidateProfit = 0m;
            if (!clears(candidate))
            {
                return false;
            }

            candidateProfit = profit(candidate);
            return best is null || candidateProfit >= bestProfit;
        }

        decimal remaining = decimal.Floor(maxContracts);
        for (int i = 0; i < asks.Count; i++)
        {
            BookLevel level = asks[i];
            decimal available = decimal.Floor(Math.Min(level.Size, remaining));
            if (available <= 0m)
            {
                break;
            }

            BookFill whole = Build(taken, level with { Size = available }, orderFee);
            if (Improves(whole, out decimal wholeProfit))
            {
                taken.Add(level with { Size = available });
                best = whole;
                bestProfit = wholeProfit;
                remaining -= available;
                continue;
            }

            // The whole level fails; the average edge falls as contracts are added at this price, so bisect the part that clears.
            decimal lo = 0m, hi = available;
            BookFill? partial = null;
            while (hi - lo > 1m)
            {
                decimal mid = decimal.Floor((lo + hi) / 2m);
                BookFill candidate = Build(taken, level with { Size = mid }, orderFee);
                if (Improves(candidate, out _))
                {
                    lo = mid;
                    partial = candidate;
                }
                else
                {
                    hi = mid;
                }
            }

            best = partial ?? best;
            break;
        }

        return best;
    }

    private static List<BookLevel> MergeAndSort(IReadOnlyList<BookLevel> oppositeBids) => oppositeBids
        .Where(bid => bid.Size > 0m && bid.Price is > 0m and < 1m)
        .GroupBy(bid => 1m - bid.Price)
        .Select(level => new BookLevel(level.Key, level.Sum(bid => bid.Size)))
        .OrderBy(level => level.Price)
        .ToList();

    private static BookFill Build(List<BookLevel> taken, BookLevel next, Func<IReadOnlyList<BookLevel>, decimal> orderFee)
    {
        var fills = new BookLevel[taken.Count + 1];
        taken.CopyTo(fills);
        fills[^1] = next;
        decimal contracts = 0m, cost = 0m;
        foreach (BookLevel fill in fills)
        {
            contracts += fill.Size;
            cost += fill.Price * fill.Size;
        }

        return new BookFill(contracts, cost / contracts, cost, orderFee(fills), fills);
    }
}
