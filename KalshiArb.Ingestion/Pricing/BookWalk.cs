using System.Buffers;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pricing;

/// <summary>
/// Executable size on a Kalshi book, which holds bids only: the asks of one side are the other side's bids. The size
/// shown is the most profitable one that clears the edge threshold, found exactly (docs/pricing.md).
/// </summary>
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
    /// The +EV buy of <paramref name="asks"/> with the greatest expected profit (contracts × fair − cash debit) among
    /// the sizes from 1 to <paramref name="maxContracts"/> whose edge, profit over debit, is at least
    /// <paramref name="minEdgePct"/> percent; ties go to the larger size. Null when no size clears.
    /// </summary>
    public static BookFill? BestExpectedValue(
        IReadOnlyList<BookLevel> asks, decimal maxContracts, decimal fairProb, decimal minEdgePct, SeriesFeeSchedule schedule, DateTime at, KalshiMemberType member)
    {
        ArgumentNullException.ThrowIfNull(asks);
        BookLevel[] levels = asks as BookLevel[] ?? [.. asks];
        return Listed(levels, BestExpectedValueSize(levels, maxContracts, fairProb, minEdgePct, schedule, at, member), schedule, at, member);
    }

    /// <summary>
    /// The hedged buy of <paramref name="asks"/> (each contract's opposite backed at <paramref name="hedgeOdds"/>, the
    /// stake rounded up to the cent as <see cref="Edges.HedgeStake"/> does) with the greatest locked profit
    /// (contracts − debit − stake) among the sizes from 1 to <paramref name="maxContracts"/> whose return on debit +
    /// stake is at least <paramref name="minEdgePct"/> percent; ties go to the larger size. Null when no size clears.
    /// </summary>
    public static BookFill? BestHedge(
        IReadOnlyList<BookLevel> asks, decimal maxContracts, decimal hedgeOdds, decimal minEdgePct, SeriesFeeSchedule schedule, DateTime at, KalshiMemberType member)
    {
        ArgumentNullException.ThrowIfNull(asks);
        BookLevel[] levels = asks as BookLevel[] ?? [.. asks];
        return Listed(levels, BestHedgeSize(levels, maxContracts, hedgeOdds, minEdgePct, schedule, at, member), schedule, at, member);
    }

    /// <summary>The size <see cref="BestExpectedValue"/> takes, 0 when none clears; the detector prices it with <see cref="TryFill"/>.</summary>
    internal static long BestExpectedValueSize(
        ReadOnlySpan<BookLevel> asks, decimal maxContracts, decimal fairProb, decimal minEdgePct, SeriesFeeSchedule schedule, DateTime at, KalshiMemberType member)
    {
        if (fairProb is < 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(fairProb), fairProb, $"Probability {fairProb} is outside [0, 1].");
        }

        return Best(asks, maxContracts, fairProb, hedgeOdds: 0m, minEdgePct, schedule, at, member);
    }

    /// <summary>The size <see cref="BestHedge"/> takes, 0 when none clears.</summary>
    internal static long BestHedgeSize(
        ReadOnlySpan<BookLevel> asks, decimal maxContracts, decimal hedgeOdds, decimal minEdgePct, SeriesFeeSchedule schedule, DateTime at, KalshiMemberType member)
    {
        if (hedgeOdds <= 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(hedgeOdds), hedgeOdds, $"Decimal odds {hedgeOdds} are invalid: they must be greater than 1.");
        }

        return Best(asks, maxContracts, 1m, hedgeOdds, minEdgePct, schedule, at, member);
    }

    /// <summary>
    /// The figures of buying <paramref name="contracts"/> (at least 1) from the top of <paramref name="asks"/>, as the
    /// <see cref="BookFill"/> of the public walks gives them, without listing the fills: they are taken on the stack.
    /// </summary>
    internal static WalkFill Fill(ReadOnlySpan<BookLevel> asks, long contracts, SeriesFeeSchedule schedule, DateTime at, KalshiMemberType member)
    {
        const int OnStack = 64;
        BookLevel[]? rented = asks.Length > OnStack ? ArrayPool<BookLevel>.Shared.Rent(asks.Length) : null;
        Span<BookLevel> fills = rented ?? stackalloc BookLevel[OnStack];
        try
        {
            return Figures(fills[..Take(asks, contracts, fills)], contracts, schedule, at, member);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<BookLevel>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Exact search over every size n. With v the value of a contract (fair, or $1 hedged) and outlay O(n) = debit
    /// (+ stake), profit is v·n − O(n) and n clears when 100·v·n ≥ (100 + minEdgePct)·O(n). The debit is
    /// <see cref="KalshiFees.TakerDebit"/> kept in whole micro-dollars as the levels are walked (a level adds a fixed
    /// rounded amount and a fixed rounding per contract; the cent steps come from the rebate term), so each size costs
    /// a few integer operations. Decisions on the decimal inputs (fair, odds, threshold) are taken in floating point
    /// and re-done in decimal whenever the two sides are too close for floating point to be sure, so the answer is
    /// the decimal one. Two bounds skip work without changing the answer: profit never exceeds v·n − cost − stake
    /// lower bound, and a size cannot clear when that bound's margin is negative; both are linear within a level, so
    /// a level is scanned only over the sizes where both could still hold.
    /// </summary>
    private static long Best(
        ReadOnlySpan<BookLevel> asks, decimal maxContracts, decimal value, decimal hedgeOdds, decimal minEdgePct, SeriesFeeSchedule schedule, DateTime at, KalshiMemberType member)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (minEdgePct < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(minEdgePct), minEdgePct, $"Edge threshold {minEdgePct} is negative.");
        }

        var search = new SizeSearch(value, hedgeOdds, minEdgePct);
        decimal precision = KalshiFeeRounding.BalancePrecision(member);
        long remaining = (long)decimal.Floor(Math.Min(maxContracts, long.MaxValue / 2));
        long before = 0, rounded = 0, rounding = 0;
        for (int i = 0; i < asks.Length && remaining > 0; i++)
        {
            BookLevel level = asks[i];
            // Whole contracts: a fractional remainder of a level is left, and the next level is priced instead.
            long size = (long)decimal.Floor(Math.Min(level.Size, remaining));
            if (size <= 0)
            {
                continue;
            }

            decimal perFill = level.Price + KalshiFees.FillFee(level.Price, 1m, schedule, at);
            decimal perFillRounded = KalshiFeeRounding.CeilingTo(perFill, precision);
            long unit = Micros(perFillRounded, level.Price);
            long unitRounding = Micros(perFillRounded - perFill, level.Price);
            search.ScanLevel(before, size, rounded, rounding, unit, unitRounding);
            before += size;
            rounded += size * unit;
            rounding += size * unitRounding;
            remaining -= size;
        }

        return search.BestSize;
    }

    private static BookFill? Listed(BookLevel[] asks, long contracts, SeriesFeeSchedule schedule, DateTime at, KalshiMemberType member)
    {
        if (contracts == 0)
        {
            return null;
        }

        var fills = new BookLevel[asks.Length];
        fills = fills[..Take(asks, contracts, fills)];
        WalkFill figures = Figures(fills, contracts, schedule, at, member);
        return new BookFill(figures.Contracts, figures.AveragePrice, figures.Cost, figures.Fee, fills);
    }

    /// <summary>Writes the levels <paramref name="contracts"/> take, best first, into <paramref name="fills"/>; returns how many.</summary>
    private static int Take(ReadOnlySpan<BookLevel> asks, long contracts, Span<BookLevel> fills)
    {
        int count = 0;
        decimal left = contracts;
        for (int i = 0; left > 0m; i++)
        {
            decimal take = Math.Min(decimal.Floor(asks[i].Size), left);
            if (take <= 0m)
            {
                continue;
            }

            fills[count++] = new BookLevel(asks[i].Price, take);
            left -= take;
        }

        return count;
    }

    private static WalkFill Figures(ReadOnlySpan<BookLevel> fills, long contracts, SeriesFeeSchedule schedule, DateTime at, KalshiMemberType member)
    {
        decimal cost = 0m;
        foreach (BookLevel fill in fills)
        {
            cost += fill.Price * fill.Size;
        }

        decimal debit = KalshiFees.TakerDebitOf(fills, schedule, at, member);
        return new WalkFill(contracts, cost / contracts, cost, debit - cost);
    }

    /// <summary>Whole micro-dollars; Kalshi prices carry at most 6 decimals, so anything finer is bad input.</summary>
    private static long Micros(decimal dollars, decimal price)
    {
        decimal micros = dollars * 1_000_000m;
        if (micros != decimal.Truncate(micros))
        {
            throw new ArgumentException($"Ask price {price} is finer than $0.000001, which no Kalshi price grid has.", nameof(price));
        }

        return (long)micros;
    }

    private static List<BookLevel> MergeAndSort(IReadOnlyList<BookLevel> oppositeBids) => oppositeBids
        .Where(bid => bid.Size > 0m && bid.Price is > 0m and < 1m)
        .GroupBy(bid => 1m - bid.Price)
        .Select(level => new BookLevel(level.Key, level.Sum(bid => bid.Size)))
        .OrderBy(level => level.Price)
        .ToList();
}
