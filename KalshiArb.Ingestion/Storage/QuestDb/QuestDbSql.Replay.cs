namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>
/// The replay reads (docs/replay.md): one opportunity's logged rows, and the stored events of its mapping by receive
/// time. They filter on <c>received_at</c>, what the detector judges freshness on, rather than the venue's <c>ts</c>
/// (a book's line can be hours old and still be polled a second ago), so they scan the market's partitions: one page
/// load asks each once.
/// </summary>
public sealed partial class QuestDbSql
{
    /// <summary>Every transition of one opportunity in [@from, @to], oldest first.</summary>
    public const string OpportunityRows = """
        SELECT * FROM {p}arb_opportunities
        WHERE opportunity_id = @opportunityId AND ts >= @from AND ts <= @to
        ORDER BY ts, state
        """;

    /// <summary>Where one market's book starts for a replay from @at: the last snapshot (its first level row) received at or before it.</summary>
    public const string ReplayBookStart = """
        SELECT ts, received_at FROM {p}kalshi_orderbook
        WHERE ticker = @ticker AND is_snapshot = true AND received_at <= @at
        ORDER BY received_at DESC, ts DESC
        LIMIT 1
        """;

    /// <summary>One market's snapshot levels and deltas from a starting snapshot (ts >= @since, received at or after @from) to @to, in receive order.</summary>
    public const string ReplayOrderbook = """
        SELECT ts, ticker, side, price, quantity, seq, is_snapshot, received_at FROM {p}kalshi_orderbook
        WHERE ticker = @ticker AND ts >= @since AND received_at >= @from AND received_at <= @to
        ORDER BY received_at, seq, side, price
        """;

    /// <summary>One market's ticks received in [@from, @to].</summary>
    public const string ReplayKalshiTicks = """
        SELECT ts, ticker, yes_bid, yes_ask, yes_bid_size, yes_ask_size, last_price, volume, open_interest, received_at
        FROM {p}kalshi_ticks
        WHERE ticker = @ticker AND received_at >= @from AND received_at <= @to
        ORDER BY received_at, ts
        """;

    /// <summary>One market's status changes received up to @to (rare: the last one before the window still applies in it).</summary>
    public const string ReplayMarketStatus = """
        SELECT ts, ticker, status, received_at FROM {p}kalshi_market_status
        WHERE ticker = @ticker AND received_at <= @to
        ORDER BY received_at, ts
        """;

    /// <summary>One market's book integrity changes received up to @to.</summary>
    public const string ReplayBookIntegrity = """
        SELECT ts, ticker, trusted, reason, received_at FROM {p}kalshi_book_integrity
        WHERE ticker = @ticker AND received_at <= @to
        ORDER BY received_at, ts
        """;

    /// <summary>Every book's quotes of one sportsbook market received in [@from, @to].</summary>
    public const string ReplayQuotes = """
        SELECT ts, event_id, sport, book, market_type, outcome, point, american, decimal_odds, implied_prob,
               fair_prob, devig_method, received_at
        FROM {p}sportsbook_odds
        WHERE event_id = @eventId AND market_type = @marketType AND received_at >= @from AND received_at <= @to
        ORDER BY received_at, ts, book, outcome
        """;
}
