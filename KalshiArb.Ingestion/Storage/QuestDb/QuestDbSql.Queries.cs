namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>The reads behind the pages and the API: bars, fair-probability series, recorded history, closing lines.</summary>
public sealed partial class QuestDbSql
{
    /// <summary>Cheap reachability check.</summary>
    public const string Ping = "SELECT 1";

    /// <summary>Bars of one market's ticks in [@from, @to); {stride} is rendered from a validated bucket. Buckets are aligned to multiples of the stride since the epoch (UTC).</summary>
    public const string QuoteBars = """
        SELECT ts,
               first_not_null(yes_bid) AS yes_bid_first, last_not_null(yes_bid) AS yes_bid_last,
               min(yes_bid) AS yes_bid_min, max(yes_bid) AS yes_bid_max,
               first_not_null(yes_ask) AS yes_ask_first, last_not_null(yes_ask) AS yes_ask_last,
               min(yes_ask) AS yes_ask_min, max(yes_ask) AS yes_ask_max,
               count() AS ticks
        FROM {p}kalshi_ticks
        WHERE ticker = @ticker AND ts >= @from AND ts < @to
        SAMPLE BY {stride} ALIGN TO CALENDAR
        ORDER BY ts
        """;

    /// <summary>Per bucket: each book's last fair_prob in the bucket, averaged over the books.</summary>
    public const string FairProbSeries = """
        SELECT ts, avg(fair_prob) AS fair_prob, count() AS books
        FROM (
          SELECT ts, book, last(fair_prob) AS fair_prob
          FROM {p}sportsbook_odds
          WHERE event_id = @eventId AND market_type = @marketType AND outcome = @outcome AND ts >= @from AND ts < @to
          SAMPLE BY {stride} ALIGN TO CALENDAR
        )
        GROUP BY ts
        ORDER BY ts
        """;

    /// <summary>Transitions in [@from, @to) by time; ties (one detection often opens several) by id, then state code, as the in-memory history orders them.</summary>
    public const string OpportunitiesInRange = """
        SELECT * FROM {p}arb_opportunities
        WHERE ts >= @from AND ts < @to
        ORDER BY ts, opportunity_id, state
        """;

    public const string OpportunitiesInRangeForTicker = """
        SELECT * FROM {p}arb_opportunities
        WHERE kalshi_ticker = @ticker AND ts >= @from AND ts < @to
        ORDER BY ts, opportunity_id, state
        """;

    public const string ExecutionsInRange = """
        SELECT * FROM {p}executions
        WHERE ts >= @from AND ts < @to
        ORDER BY ts
        """;

    /// <summary>
    /// Each execution in [@from, @to) with its market's last tick at or before the fill, at most 5 minutes older
    /// (<see cref="FillQuote.Tolerance"/>; QuestDB's TOLERANCE is inclusive); no tick in that window leaves the quote null.
    /// </summary>
    public const string FillQuotesInRange = """
        SELECT e.execution_id, e.side, e.kalshi_price, t.ts AS quote_ts, t.yes_bid, t.yes_ask
        FROM {p}executions e
        ASOF JOIN {p}kalshi_ticks t ON (e.kalshi_ticker = t.ticker) TOLERANCE 5m
        WHERE e.ts >= @from AND e.ts < @to
        ORDER BY e.ts, e.execution_id
        """;

    /// <summary>Latest settlement per market (a correction supersedes).</summary>
    public const string LatestSettlements = """
        SELECT * FROM {p}market_settlements
        LATEST ON ts PARTITION BY ticker
        """;

    public const string LatestMappings = """
        SELECT * FROM {p}event_mapping
        LATEST ON ts PARTITION BY kalshi_ticker
        """;

    // ---- Closing-line value (docs/clv.md): the last prices at or before a market's close. ----

    /// <summary>The last tick of one market at or before @at that carries a price (a last trade, or both bid and ask).</summary>
    public const string KalshiTickAt = """
        SELECT ts, ticker, yes_bid, yes_ask, yes_bid_size, yes_ask_size, last_price, volume, open_interest, received_at
        FROM {p}kalshi_ticks
        WHERE ticker = @ticker AND ts <= @at AND (last_price IS NOT NULL OR (yes_bid IS NOT NULL AND yes_ask IS NOT NULL))
        LATEST ON ts PARTITION BY ticker
        """;

    /// <summary>Each book's last quote of each outcome of one sportsbook market at or before @at.</summary>
    public const string SportsbookQuotesAt = """
        SELECT ts, event_id, sport, book, market_type, outcome, point, american, decimal_odds, implied_prob,
               fair_prob, devig_method, received_at
        FROM {p}sportsbook_odds
        WHERE event_id = @eventId AND market_type = @marketType AND ts <= @at
        LATEST ON ts PARTITION BY book, outcome
        """;

}
