namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>The schema: one CREATE per table, their TTL, and the per-table maintenance statements.</summary>
public sealed partial class QuestDbSql
{
    // ---- DDL: time-series tables; TTL is applied separately (SetTtl) so the clause order never matters. ----

    public const string CreateKalshiTicks = """
        CREATE TABLE IF NOT EXISTS {p}kalshi_ticks (
          ts TIMESTAMP, ticker SYMBOL,
          yes_bid DOUBLE, yes_ask DOUBLE, no_bid DOUBLE, no_ask DOUBLE,
          yes_bid_size DOUBLE, yes_ask_size DOUBLE, last_price DOUBLE,
          volume DOUBLE, open_interest DOUBLE, received_at TIMESTAMP
        ) TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts, ticker)
        """;

    public const string CreateKalshiTrades = """
        CREATE TABLE IF NOT EXISTS {p}kalshi_trades (
          ts TIMESTAMP, ticker SYMBOL, trade_id VARCHAR,
          yes_price DOUBLE, no_price DOUBLE, contracts DOUBLE, taker_side SYMBOL,
          received_at TIMESTAMP
        ) TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts, ticker, trade_id)
        """;

    /// <summary>One row per delta (quantity = signed change) or per level of a snapshot (quantity = resting size, is_snapshot).</summary>
    public const string CreateKalshiOrderbook = """
        CREATE TABLE IF NOT EXISTS {p}kalshi_orderbook (
          ts TIMESTAMP, ticker SYMBOL, side SYMBOL, price DOUBLE, quantity DOUBLE,
          seq LONG, is_snapshot BOOLEAN, received_at TIMESTAMP
        ) TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts, ticker, seq, side, price)
        """;

    public const string CreateKalshiMarketStatus = """
        CREATE TABLE IF NOT EXISTS {p}kalshi_market_status (
          ts TIMESTAMP, ticker SYMBOL, status SYMBOL, received_at TIMESTAMP
        ) TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts, ticker)
        """;

    public const string CreateKalshiBookIntegrity = """
        CREATE TABLE IF NOT EXISTS {p}kalshi_book_integrity (
          ts TIMESTAMP, ticker SYMBOL, trusted BOOLEAN, reason VARCHAR, received_at TIMESTAMP
        ) TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts, ticker)
        """;

    /// <summary>ts = the book's last_update for the market.</summary>
    public const string CreateSportsbookOdds = """
        CREATE TABLE IF NOT EXISTS {p}sportsbook_odds (
          ts TIMESTAMP, event_id SYMBOL, sport SYMBOL, book SYMBOL, market_type SYMBOL, outcome SYMBOL,
          point DOUBLE, american LONG, decimal_odds DOUBLE, implied_prob DOUBLE, fair_prob DOUBLE,
          devig_method SYMBOL, received_at TIMESTAMP
        ) TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts, event_id, book, market_type, outcome)
        """;

    /// <summary>One row per lifecycle transition (open, update, close): append-only.</summary>
    public const string CreateArbOpportunities = """
        CREATE TABLE IF NOT EXISTS {p}arb_opportunities (
          ts TIMESTAMP, opportunity_id VARCHAR, state SYMBOL, kind SYMBOL, kalshi_ticker SYMBOL,
          sportsbook_event SYMBOL, book SYMBOL, side SYMBOL,
          kalshi_price DOUBLE, book_odds DOUBLE, fair_prob DOUBLE, fee DOUBLE, edge_pct DOUBLE,
          size DOUBLE, profit DOUBLE, hedge_stake DOUBLE, peak_edge_pct DOUBLE, equivalence SYMBOL,
          first_seen TIMESTAMP, kalshi_quote_ts TIMESTAMP, book_quote_ts TIMESTAMP, close_reason VARCHAR, model VARCHAR
        ) TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts, opportunity_id, state)
        """;

    /// <summary>Append-only; the hit rate joins opportunities through opportunity_id (no mutable "executed" flag).</summary>
    public const string CreateExecutions = """
        CREATE TABLE IF NOT EXISTS {p}executions (
          ts TIMESTAMP, execution_id VARCHAR, opportunity_id VARCHAR, kalshi_ticker SYMBOL, side SYMBOL,
          planned_price DOUBLE, kalshi_price DOUBLE, quantity DOUBLE, kalshi_fee DOUBLE, kalshi_order_id VARCHAR,
          hedge_book SYMBOL, hedge_event SYMBOL, hedge_outcome SYMBOL,
          planned_hedge_odds DOUBLE, hedge_odds DOUBLE, hedge_stake DOUBLE, leg_gap_ms DOUBLE
        ) TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts, execution_id)
        """;

    public const string CreateMarketSettlements = """
        CREATE TABLE IF NOT EXISTS {p}market_settlements (
          ts TIMESTAMP, ticker SYMBOL, result SYMBOL, source VARCHAR
        ) TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts, ticker)
        """;

    /// <summary>Latest row per kalshi_ticker wins; ts = the mapping's UpdatedAt.</summary>
    public const string CreateEventMapping = """
        CREATE TABLE IF NOT EXISTS {p}event_mapping (
          ts TIMESTAMP, kalshi_ticker SYMBOL, event_id SYMBOL, sport SYMBOL, market_type SYMBOL, outcome SYMBOL,
          inverted BOOLEAN, kalshi_includes_overtime BOOLEAN, book_includes_overtime BOOLEAN,
          kalshi_tie_rule VARCHAR, book_tie_rule VARCHAR, kalshi_void_rule VARCHAR, book_void_rule VARCHAR,
          equivalence SYMBOL, confirmed BOOLEAN, note VARCHAR, point DOUBLE
        ) TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts, kalshi_ticker)
        """;

    /// <summary>One row per stored market event once QuestDB acknowledged it: ts = acknowledgement time, latency in µs.</summary>
    public const string CreatePipelineLatency = """
        CREATE TABLE IF NOT EXISTS {p}pipeline_latency (
          ts TIMESTAMP, stage SYMBOL, seq LONG, latency_us LONG
        ) TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts, stage, seq)
        """;

    /// <summary>TTL for disposable history; {table} and {days} are filled from our own constants and a validated integer.</summary>
    public const string SetTtl = "ALTER TABLE {p}{table} SET TTL {days} DAYS";

    /// <summary>Row count of one of our tables (operators, and the idempotent-replay check).</summary>
    public const string CountRows = "SELECT count() FROM {p}{table}";

    /// <summary>Drops a table (tests remove their own prefixed tables).</summary>
    public const string DropTable = "DROP TABLE IF EXISTS {p}{table}";

    /// <summary>Tables created at start-up, in order, and whether their history is disposable (TTL).</summary>
    public static IReadOnlyList<(string Table, string Ddl, bool Ttl)> Tables { get; } =
    [
        ("kalshi_ticks", CreateKalshiTicks, true),
        ("kalshi_trades", CreateKalshiTrades, true),
        ("kalshi_orderbook", CreateKalshiOrderbook, true),
        ("kalshi_market_status", CreateKalshiMarketStatus, true),
        ("kalshi_book_integrity", CreateKalshiBookIntegrity, true),
        ("sportsbook_odds", CreateSportsbookOdds, true),
        ("arb_opportunities", CreateArbOpportunities, false),
        ("executions", CreateExecutions, false),
        ("market_settlements", CreateMarketSettlements, false),
        ("event_mapping", CreateEventMapping, false),
        ("pipeline_latency", CreatePipelineLatency, true),
    ];
}
