using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Feeds.Simulator;

/// <summary>
/// One simulated Kalshi market: its top of book, trading and any deliberate mispricing, over its L2 book
/// (<see cref="SimulatedBook"/>). Every change is emitted as book deltas followed by a tick, so the best YES bid always
/// equals the tick's YES bid and the best NO bid equals 1 - the tick's YES ask.
/// </summary>
internal sealed class SimulatedMarket
{
    /// <summary>Simulated markets quote on Kalshi's linear_cent structure, and say so in their market info.</summary>
    public static PriceGrid Grid { get; } = PriceGrid.LinearCent;

    public static readonly decimal TickSize = Grid.FinestTick;

    private const decimal MinPrice = 0.01m;

    private const decimal MaxPrice = 0.99m;

    private readonly SimulatedBook _book;

    public SimulatedMarket(KalshiMarketInfo info, bool isHome, TimeSpan latency)
    {
        Info = info;
        IsHome = isHome;
        Latency = latency;
        _book = new SimulatedBook(info.Ticker);
    }

    public KalshiMarketInfo Info { get; }

    public string Ticker => Info.Ticker;

    /// <summary>YES pays when the home team wins (else when the away team wins).</summary>
    public bool IsHome { get; }

    /// <summary>How long before our receive time Kalshi stamps this market's messages.</summary>
    public TimeSpan Latency { get; }

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

    public decimal BestYesBidSize => _book.SizeAt(Side.Yes, YesBid);

    public decimal BestNoBidSize => _book.SizeAt(Side.No, 1m - YesAsk);

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
        _book.Open(YesBid, 1m - YesAsk, rng, exchangeTs, receivedAt, output);
        output.Add(Tick(exchangeTs, receivedAt));
    }

    /// <summary>Moves the quote to a new YES bid/ask; <paramref name="bestAskSize"/> pins the size behind the ask.</summary>
    public void Requote(decimal yesBid, decimal yesAsk, decimal? bestAskSize, Random rng, DateTime exchangeTs, DateTime receivedAt, List<MarketEvent> output)
    {
        (YesBid, YesAsk) = Clamp(yesBid, yesAsk);
        _book.MoveTo(YesBid, 1m - YesAsk, bestAskSize, rng, exchangeTs, receivedAt, output);
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
        => _book.ResizeDepth(rng, exchangeTs, receivedAt, output);

    /// <summary>
    /// A taker lifts the best opposite bid: buying YES at the YES ask consumes the best NO bid, buying NO consumes
    /// the best YES bid. Emits the trade, the delta on the consumed level and the new tick; at least one contract
    /// stays so the top of book does not move.
    /// </summary>
    public bool Trade(Random rng, string tradeId, DateTime exchangeTs, DateTime receivedAt, List<MarketEvent> output)
    {
        Side taker = rng.Next(2) == 0 ? Side.Yes : Side.No;
        (decimal consumedPrice, Side consumedSide) = taker == Side.Yes ? (1m - YesAsk, Side.No) : (YesBid, Side.Yes);
        decimal available = _book.SizeAt(consumedSide, consumedPrice);
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
        _book.SetSize(consumedSide, consumedPrice, available - count, exchangeTs, receivedAt, output);
        output.Add(Tick(exchangeTs, receivedAt));
        return true;
    }

    private static (decimal Bid, decimal Ask) Clamp(decimal yesBid, decimal yesAsk)
    {
        decimal bid = Math.Clamp(yesBid, MinPrice, MaxPrice - TickSize);
        decimal ask = Math.Clamp(yesAsk, bid + TickSize, MaxPrice);
        return (bid, ask);
    }

    private KalshiTick Tick(DateTime exchangeTs, DateTime receivedAt)
        => new(Ticker, YesBid, YesAsk, BestYesBidSize, BestNoBidSize, LastPrice, Volume, OpenInterest, exchangeTs, receivedAt);
}
