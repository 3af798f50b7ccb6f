using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Feeds.Simulator;

/// <summary>
/// A simulated Kalshi market's L2 book: bids only, YES and NO each on their own leg, up to <see cref="Depth"/> levels
/// one tick apart, with the sequence number every change carries. Emits snapshots and deltas; the top of book and
/// the ticks belong to <see cref="SimulatedMarket"/>.
/// </summary>
internal sealed class SimulatedBook(string ticker)
{
    public const int Depth = 5;

    private const decimal MinPrice = 0.01m;

    private static readonly decimal Tick = SimulatedMarket.TickSize;

    private readonly SortedDictionary<decimal, decimal> _yesBids = [];
    private readonly SortedDictionary<decimal, decimal> _noBids = [];

    public long Seq { get; private set; }

    /// <summary>The size resting at <paramref name="price"/> on <paramref name="side"/>'s leg (0 when none).</summary>
    public decimal SizeAt(Side side, decimal price) => Leg(side).TryGetValue(price, out decimal size) ? size : 0m;

    /// <summary>Fills both ladders below the given best bids and publishes them as the first snapshot (sequence 1).</summary>
    public void Open(decimal bestYesBid, decimal bestNoBid, Random rng, DateTime exchangeTs, DateTime receivedAt, List<MarketEvent> output)
    {
        foreach (decimal price in Ladder(bestYesBid))
        {
            _yesBids[price] = RandomSize(rng);
        }

        foreach (decimal price in Ladder(bestNoBid))
        {
            _noBids[price] = RandomSize(rng);
        }

        Seq = 1;
        output.Add(new BookSnapshot(ticker, BestFirst(_yesBids), BestFirst(_noBids), Seq, exchangeTs, receivedAt));
    }

    /// <summary>
    /// Moves both ladders to new best bids. The deltas are ordered so that no intermediate state of the book is
    /// crossed or leaves a side empty: levels that fit beside the other side's current best are added first, old
    /// levels go once their side holds another, and the rest follow. <paramref name="bestNoSize"/> pins the size
    /// behind the best NO bid (the YES ask).
    /// </summary>
    public void MoveTo(decimal bestYesBid, decimal bestNoBid, decimal? bestNoSize, Random rng, DateTime exchangeTs, DateTime receivedAt, List<MarketEvent> output)
    {
        decimal[] yesLadder = Ladder(bestYesBid);
        decimal[] noLadder = Ladder(bestNoBid);
        bool changed = true;
        while (changed)
        {
            changed = AddFitting(_yesBids, yesLadder, _noBids, Side.Yes, rng, exchangeTs, receivedAt, output)
                | AddFitting(_noBids, noLadder, _yesBids, Side.No, rng, exchangeTs, receivedAt, output, bestNoSize)
                | RemoveStale(_yesBids, yesLadder, Side.Yes, exchangeTs, receivedAt, output)
                | RemoveStale(_noBids, noLadder, Side.No, exchangeTs, receivedAt, output);
        }

        if (bestNoSize is { } size && _noBids[noLadder[0]] != size)
        {
            SetSize(Side.No, noLadder[0], size, exchangeTs, receivedAt, output);
        }
    }

    /// <summary>Changes the size of one level behind the best on either leg; false when that leg has no such level.</summary>
    public bool ResizeDepth(Random rng, DateTime exchangeTs, DateTime receivedAt, List<MarketEvent> output)
    {
        Side side = rng.Next(2) == 0 ? Side.Yes : Side.No;
        SortedDictionary<decimal, decimal> leg = Leg(side);
        if (leg.Count < 2)
        {
            return false;
        }

        // Keys ascend, so the best (highest) bid is last; pick among the others.
        decimal price = leg.Keys.ElementAt(rng.Next(leg.Count - 1));
        SetSize(side, price, RandomSize(rng), exchangeTs, receivedAt, output);
        return true;
    }

    /// <summary>Sets one level's size (0 removes it) and emits the delta with the next sequence number.</summary>
    public void SetSize(Side side, decimal price, decimal size, DateTime exchangeTs, DateTime receivedAt, List<MarketEvent> output)
    {
        SortedDictionary<decimal, decimal> leg = Leg(side);
        leg.TryGetValue(price, out decimal current);
        if (size == 0m)
        {
            leg.Remove(price);
        }
        else
        {
            leg[price] = size;
        }

        output.Add(new BookDelta(ticker, side, price, size - current, ++Seq, exchangeTs, receivedAt));
    }

    private SortedDictionary<decimal, decimal> Leg(Side side) => side == Side.Yes ? _yesBids : _noBids;

    /// <summary>The best bid and up to <see cref="Depth"/> - 1 levels below it, one tick apart, never below $0.01.</summary>
    private static decimal[] Ladder(decimal best)
    {
        int levels = (int)Math.Min(Depth, (best - MinPrice) / Tick + 1);
        var ladder = new decimal[levels];
        for (int i = 0; i < levels; i++)
        {
            ladder[i] = best - (i * Tick);
        }

        return ladder;
    }

    private static decimal RandomSize(Random rng) => rng.Next(10, 801);

    private static BookLevel[] BestFirst(SortedDictionary<decimal, decimal> leg)
        => leg.Reverse().Select(level => new BookLevel(level.Key, level.Value)).ToArray();

    /// <summary>
    /// Adds the missing ladder levels that stay below $1 together with the other leg's best bid; a new best level
    /// gets <paramref name="bestSize"/> when given, so no intermediate book shows it at another size.
    /// </summary>
    private bool AddFitting(SortedDictionary<decimal, decimal> leg, decimal[] ladder, SortedDictionary<decimal, decimal> other, Side side, Random rng, DateTime exchangeTs, DateTime receivedAt, List<MarketEvent> output, decimal? bestSize = null)
    {
        bool added = false;
        foreach (decimal price in ladder)
        {
            if (!leg.ContainsKey(price) && (other.Count == 0 || price + other.Keys.Max() < 1m))
            {
                SetSize(side, price, price == ladder[0] && bestSize is { } size ? size : RandomSize(rng), exchangeTs, receivedAt, output);
                added = true;
            }
        }

        return added;
    }

    /// <summary>Removes levels that left the ladder, best first, as long as the leg keeps at least one level.</summary>
    private bool RemoveStale(SortedDictionary<decimal, decimal> leg, decimal[] ladder, Side side, DateTime exchangeTs, DateTime receivedAt, List<MarketEvent> output)
    {
        bool removed = false;
        foreach (decimal price in leg.Keys.Where(price => Array.IndexOf(ladder, price) < 0).Reverse().ToArray())
        {
            if (leg.Count > 1)
            {
                SetSize(side, price, 0m, exchangeTs, receivedAt, output);
                removed = true;
            }
        }

        return removed;
    }
}
