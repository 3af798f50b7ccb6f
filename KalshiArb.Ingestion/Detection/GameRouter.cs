using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// Which shard owns an event: the shard of its game, so one game's events stay in order on one consumer and each
/// shard's detection state (books, quote boards, open opportunities) is only ever touched by that consumer. A game is
/// the sportsbook event a mapping names: a quote goes by its event id, a Kalshi market by its mapping's event id (by
/// its own ticker while it has no mapping), a fee override by the game of the first mapped market of its Kalshi event.
/// </summary>
/// <remarks>
/// A remapped market moves to its new game's shard from its next event; an event already queued on the old shard is
/// still applied there, so order holds per game except across that one change.
/// </remarks>
public sealed class GameRouter : IMarketEventVisitor<int>
{
    private readonly MappingRegistry _mappings;
    private readonly FeeScheduleRegistry _fees;

    public GameRouter(MappingRegistry mappings, FeeScheduleRegistry fees, int shards)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        _mappings = mappings ?? throw new ArgumentNullException(nameof(mappings));
        _fees = fees ?? throw new ArgumentNullException(nameof(fees));
        Shards = shards;
    }

    public int Shards { get; }

    public int ShardOf(MarketEvent marketEvent) => Shards == 1 ? 0 : marketEvent.Accept(this);

    public int ShardOfTicker(string ticker) => Shards == 1 ? 0 : ShardOfTicker(ticker, _mappings.ForTicker(ticker));

    /// <summary>The shard of a market whose mapping the caller has already read (null: unmapped).</summary>
    internal int ShardOfTicker(string ticker, EventMapping? mapping)
        => Shards == 1 ? 0 : mapping is not null ? ShardOfGame(mapping.EventId) : Bucket(ticker);

    private int ShardOfGame(string eventId) => Bucket(eventId);

    /// <summary>Rare (fee overrides): a scan of the mappings for one market of the event.</summary>
    private int ShardOfKalshiEvent(string eventTicker)
    {
        foreach (EventMapping mapping in _mappings.All)
        {
            if (string.Equals(_fees.EventOf(mapping.KalshiTicker), eventTicker, StringComparison.OrdinalIgnoreCase))
            {
                return ShardOfGame(mapping.EventId);
            }
        }

        return Bucket(eventTicker);
    }

    int IMarketEventVisitor<int>.VisitSportsbookQuote(SportsbookQuote sportsbookQuote) => ShardOfGame(sportsbookQuote.EventId);

    int IMarketEventVisitor<int>.VisitKalshiTick(KalshiTick kalshiTick) => ShardOfTicker(kalshiTick.Ticker);

    int IMarketEventVisitor<int>.VisitKalshiTrade(KalshiTrade kalshiTrade) => ShardOfTicker(kalshiTrade.Ticker);

    int IMarketEventVisitor<int>.VisitBookDelta(BookDelta bookDelta) => ShardOfTicker(bookDelta.Ticker);

    int IMarketEventVisitor<int>.VisitBookSnapshot(BookSnapshot bookSnapshot) => ShardOfTicker(bookSnapshot.Ticker);

    int IMarketEventVisitor<int>.VisitBookIntegrityChanged(BookIntegrityChanged bookIntegrityChanged) => ShardOfTicker(bookIntegrityChanged.Ticker);

    int IMarketEventVisitor<int>.VisitMarketStatusChanged(MarketStatusChanged marketStatusChanged) => ShardOfTicker(marketStatusChanged.Ticker);

    int IMarketEventVisitor<int>.VisitMarketCloseTimeChanged(MarketCloseTimeChanged marketCloseTimeChanged) => ShardOfTicker(marketCloseTimeChanged.Ticker);

    int IMarketEventVisitor<int>.VisitEventFeeOverrideChanged(EventFeeOverrideChanged eventFeeOverrideChanged) => ShardOfKalshiEvent(eventFeeOverrideChanged.EventTicker);

    // string.GetHashCode is randomized per process, which is all a route needs: it never leaves the process.
    private int Bucket(string key) => (int)((uint)key.GetHashCode() % (uint)Shards);
}
