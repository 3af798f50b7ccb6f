using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Feeds.Simulator;

/// <summary>
/// One simulated Kalshi market: its L2 book (bids only, YES and NO each on their own leg), its sequence number
/// and its top of book. Every change is emitted as book deltas followed by a tick, so the best YES bid always
/// equals the tick's YES bid and the best NO bid equals 1 - the tick's YES ask.
/// </summary>
internal sealed class SimulatedMarket(KalshiMarketInfo info, bool isHome, TimeSpan latency)
{
    public const int Depth = 5;

    /// <summary>Simulated markets quote on Kalshi's linear_cent structure, and say so in their market info.</summary>
    public static PriceGrid Grid { get; } = PriceGrid.LinearCent;

    public static readonly decimal TickSize = Grid.FinestTick;

    private const decimal MinPrice = 0.01m;

    private const decimal MaxPrice = 0.99m;

    private readonly SortedDictionary<decimal, decimal> _yesBids = [];
    private readonly SortedDictionary<decimal, decimal> _noBids = [];

    public KalshiMarketInfo Info { get; } = info;

    public string Ticker => Info.Ticker;

    /// <summary>YES pays when the home team wins (else when the away team wins).</summary>
    public bool IsHome { get; } = isHome;

    /// <summary>How long before our receive time Kalshi stamps this market's messages.</summary>
    public TimeSpan Latency { get; } = latency;

    public long Seq { get; private set; }

    public decimal YesBid { get; private set; }

    public decimal YesAsk { get; private set; }

    public decimal Volume { get; private set; }

    public decimal OpenInterest { get; private set; }

    public decimal? LastPrice { get; private set; }

    /// <summary>While in the future, the YES ask rests at <see cref="DislocationAsk"/> with <see cref="DislocationSize"/> behind it.</summary>
    public DateTime DislocatedUntil { get; private set; }

    /// <summary>A resting cheap offer: it stays put while fair moves, as a stale order does, until the market corrects it.</summary>
    public decimal DislocationAsk { get; private set; }

    public decimal DislocationSize { get; private set; }

    /// <summary>A dislocation ended but the market has not been requoted since.</summary>
    public bool NeedsCorrection { get; private set; }

    public decimal BestYesBidSize => _yesBids.TryGetValue(YesBid, out decimal size) ? size : 0m;

    public decimal BestNoBidSize => _noBids.TryGetValue(1m - YesAsk, out decimal size) ? size : 0m;

    public void Dislocate(DateTime until, decimal ask, decimal size)
    {
        DislocatedUntil = until;
        DislocationAsk = ask;
        DislocationSize = size;
        NeedsCorrection = true;
    }

    public bool IsDislocated(DateTime now) => now < DislocatedUntil;

    /// <summary>Publishes the first full book (sequence 1) and its tick.</summary>
    public void Open(decimal yesBid, decimal yesAsk, Random rng, DateTime exchangeTs, DateTime receivedAt, List<MarketEvent> output)
    {
        (YesBid, YesAsk) = Clamp(yesBid, yesAsk);
        foreach (decimal price in Ladder(YesBid))
        {
            _yesBids[price] = RandomSize(rng);
        }

        foreach (decimal price in Ladder(1m - YesAsk))
        {
            _noBids[price] = RandomSize(rng);
        }

        Seq = 1;
        output.Add(new BookSnapshot(Ticker, BestFirst(_yesBids), BestFirst(_noBids), Seq, exchangeTs, receivedAt));
        output.Add(Tick(exchangeTs, receivedAt));
    }

    /// <summary>
    /// Moves the quote to a new YES bid/ask. The deltas are ordered so that no intermediate state of the book is
    /// crossed or leaves a side empty: levels that fit beside the other side's current best are added first, old
    /// levels go once their side holds another, and the rest follow. <paramref name="bestAskSize"/> pins the size
    /// behind the ask.
    /// </summary>
    public void Requote(decimal yesBid, decimal yesAsk, decimal? bestAskSize, Random rng, DateTime exchangeTs, DateTime receivedAt, List<MarketEvent> output)
    {
        (YesBid, YesAsk) = Clamp(yesBid, yesAsk);
        decimal[] yesLadder = Ladder(YesBid);
        decimal[] noLadder = Ladder(1m - YesAsk);
        bool changed = true;
        while (changed)
        {
            changed = AddFitting(_yesBids, yesLadder, _noBids, Side.Yes, rng, exchangeTs, receivedAt, output)
                | AddFitting(_noBids, noLadder, _yesBids, Side.No, rng, exchangeTs, receivedAt, output, bestAskSize)
                | RemoveStale(_yesBids, yesLadder, Side.Yes, exchangeTs, receivedAt, output)
                | RemoveStale(_noBids, noLadder, Side.No, exchangeTs, receivedAt, output);
        }

        if (bestAskSize is { } size && _noBids[noLadder[0]] != size)
        {
            SetSize(_noBids, noLadder[0], size, Side.No, exchangeTs, receivedAt, output);
        }

        if (!IsDislocated(receivedAt))
        {
            NeedsCorrection = false;
        }

        output.Add(Tick(exchangeTs, receivedAt));
    }

    /// <summary>Sends the current top of book again, unchanged.</summary>
    public void RepeatTick(DateTime exchangeTs, DateTime receivedAt, List<MarketEvent> output) => output.Add(Tick(exchangeTs, receivedAt));

    /// <summary>Changes the size of one level behind the best on either side (no tick: the top is unchanged).</summary>
    public bool ResizeDepth(Random rng, DateTime exchangeTs, DateTime receivedAt, List<MarketEvent> output)
    {
        bool yes = rng.Next(2) == 0;
        SortedDictionary<decimal, decimal> book = yes ? _yesBids : _noBids;
        if (book.Count < 2)
        {
            return false;
        }

        // Keys ascend, so the best (highest) bid is last; pick among the others.
        decimal price = book.Keys.ElementAt(rng.Next(book.Count - 1));
        SetSize(book, price, RandomSize(rng), yes ? Side.Yes : Side.No, exchangeTs, receivedAt, output);
        return true;
    }

    /// <summary>
    /// A taker lifts the best opposite bid: buying YES at the YES ask consumes the best NO bid, buying NO consumes
    /// the best YES bid. Emits the trade, the delta on the consumed level and the new tick; at least one contract
    /// stays so the top of book does not move.
    /// </summary>
    public bool Trade(Random rng, string tradeId, DateTime exchangeTs, DateTime receivedAt, List<MarketEvent> output)
    {
        Side taker = rng.Next(2) == 0 ? Side.Yes : Side.No;
        (SortedDictionary<decimal, decimal> consumed, decimal consumedPrice, Side consumedSide) = taker == Side.Yes
            ? (_noBids, 1m - YesAsk, Side.No)
            : (_yesBids, YesBid, Side.Yes);
        decimal available = consumed[consumedPrice];
        if (available < 2m)
        {
            return false;
        }

        decimal count = rng.Next(1, (int)Math.Min(available - 1m, 100m) + 1);
        decimal yesPrice = taker == Side.Yes ? YesAsk : YesBid;
        Volume += count;
        OpenInterest += count;
        LastPrice = yesPrice;
        output.Add(new KalshiTrade(Ticker, tradeId, yesPrice, 1m - yesPrice, count, taker, exchangeTs, receivedAt));
        SetSize(consumed, consumedPrice, available - count, consumedSide, exchangeTs, receivedAt, output);
        output.Add(Tick(exchangeTs, receivedAt));
        return true;
    }

    private static (decimal Bid, decimal Ask) Clamp(decimal yesBid, decimal yesAsk)
    {
        decimal bid = Math.Clamp(yesBid, MinPrice, MaxPrice - TickSize);
        decimal ask = Math.Clamp(yesAsk, bid + TickSize, MaxPrice);
        return (bid, ask);
    }

    /// <summary>The best bid and up to <see cref="Depth"/> - 1 levels below it, one tick apart, never below $0.01.</summary>
    private static decimal[] Ladder(decimal best)
    {
        int levels = (int)Math.Min(Depth, (best - MinPrice) / TickSize + 1);
        var ladder = new decimal[levels];
        for (int i = 0; i < levels; i++)
        {
            ladder[i] = best - (i * TickSize);
        }

        return ladder;
    }

    private static decimal RandomSize(Random rng) => rng.Next(10, 801);

    private static BookLevel[] BestFirst(SortedDictionary<decimal, decimal> book)
        => book.Reverse().Select(level => new BookLevel(level.Key, level.Value)).ToArray();

    /// <summary>
    /// Adds the missing ladder levels that stay below $1 together with the other side's best bid; a new best level
    /// gets <paramref name="bestSize"/> when given, so no intermediate book shows it at another size.
    /// </summary>
    private bool AddFitting(SortedDictionary<decimal, decimal> book, decimal[] ladder, SortedDictionary<decimal, decimal> other, Side side, Random rng, DateTime exchangeTs, DateTime receivedAt, List<MarketEvent> output, decimal? bestSize = null)
    {
        bool added = false;
        foreach (decimal price in ladder)
        {
            if (!book.ContainsKey(price) && (other.Count == 0 || price + other.Keys.Max() < 1m))
            {
                SetSize(book, price, price == ladder[0] && bestSize is { } size ? size : RandomSize(rng), side, exchangeTs, receivedAt, output);
                added = true;
            }
        }

        return added;
    }

    /// <summary>Removes levels that left the ladder, best first, as long as the side keeps at least one level.</summary>
    private bool RemoveStale(SortedDictionary<decimal, decimal> book, decimal[] ladder, Side side, DateTime exchangeTs, DateTime receivedAt, List<MarketEvent> output)
    {
        bool removed = false;
        foreach (decimal price in book.Keys.Where(price => Array.IndexOf(ladder, price) < 0).Reverse().ToArray())
        {
            if (book.Count > 1)
            {
                SetSize(book, price, 0m, side, exchangeTs, receivedAt, output);
                removed = true;
            }
        }

        return removed;
    }

    private void SetSize(SortedDictionary<decimal, decimal> book, decimal price, decimal size, Side side, DateTime exchangeTs, DateTime receivedAt, List<MarketEvent> output)
    {
        book.TryGetValue(price, out decimal current);
        if (size == 0m)
        {
            book.Remove(price);
        }
        else
        {
            book[price] = size;
        }

        output.Add(new BookDelta(Ticker, side, price, size - current, ++Seq, exchangeTs, receivedAt));
    }

    private KalshiTick Tick(DateTime exchangeTs, DateTime receivedAt)
        => new(Ticker, YesBid, YesAsk, BestYesBidSize, BestNoBidSize, LastPrice, Volume, OpenInterest, exchangeTs, receivedAt);
}
