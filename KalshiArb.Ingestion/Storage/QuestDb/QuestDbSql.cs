using System.Globalization;
using System.Text.RegularExpressions;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>
/// Every SQL statement the application sends to QuestDB, DDL and queries, in one place. Templates name tables as
/// <c>{p}table</c>; an instance renders them with a validated prefix ([a-z0-9_]) and nothing else. Values are always
/// Dapper parameters; the only other text placed in a statement is a SAMPLE BY stride built from a validated
/// <see cref="TimeSpan"/>. Column units are documented in docs/storage.md: prices and money in dollars as DOUBLE,
/// quantities in contracts, designated <c>ts</c> = the venue's timestamp (µs), <c>received_at</c> = our receive time.
/// </summary>
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

    // ---- Queries ----

    /// <summary>Cheap reachability check.</summary>
    public const string Ping = "SELECT 1";

    /// <summary>Latest Kalshi quote per market among rows since @since (LATEST ON applies after the WHERE).</summary>
    public const string LatestKalshiQuotes = """
        SELECT ts, ticker, yes_bid, yes_ask, yes_bid_size, yes_ask_size, last_price, volume, open_interest, received_at
        FROM {p}kalshi_ticks
        WHERE ts >= @since
        LATEST ON ts PARTITION BY ticker
        """;

    /// <summary>Latest quote per event, book, market and outcome among rows since @since.</summary>
    public const string LatestSportsbookQuotes = """
        SELECT ts, event_id, sport, book, market_type, outcome, point, american, decimal_odds, implied_prob,
               fair_prob, devig_method, received_at
        FROM {p}sportsbook_odds
        WHERE ts >= @since
        LATEST ON ts PARTITION BY event_id, book, market_type, outcome
        """;

    /// <summary>
    /// The audit/cross-check of the in-memory detector's +EV verdicts. For each confirmed, non-blocked mapping (latest
    /// row per ticker): the latest Kalshi quote and the average of the latest devigged fair_prob of the mapped outcome
    /// across books. YES means the outcome happens unless <c>inverted</c>, then fair_yes = 1 - fair. Edge per contract
    /// = fair - ask - fee, with the unrounded per-contract taker fee 0.07 * P * (1 - P) (multiplier 1, one contract);
    /// the live detector rounds fees per order, so expect it to differ by at most the rounding.
    /// NO is bought at no_ask = 1 - yes_bid against fair_no = 1 - fair_yes.
    /// </summary>
    public const string PositiveEvAudit = """
        WITH mapping AS (
          SELECT kalshi_ticker, event_id, market_type, outcome, inverted, equivalence, confirmed
          FROM {p}event_mapping
          LATEST ON ts PARTITION BY kalshi_ticker
        ),
        kalshi AS (
          SELECT ticker, yes_bid, yes_ask, ts
          FROM {p}kalshi_ticks
          WHERE ts >= @since
          LATEST ON ts PARTITION BY ticker
        ),
        book_latest AS (
          SELECT event_id, book, market_type, outcome, fair_prob, ts
          FROM {p}sportsbook_odds
          WHERE ts >= @since
          LATEST ON ts PARTITION BY event_id, book, market_type, outcome
        ),
        fair AS (
          SELECT event_id, market_type, outcome, avg(fair_prob) AS fair_prob, count() AS books, max(ts) AS book_ts
          FROM book_latest
          GROUP BY event_id, market_type, outcome
        ),
        joined AS (
          SELECT m.kalshi_ticker, m.event_id, m.market_type, m.outcome, m.inverted, m.equivalence,
                 k.yes_bid, k.yes_ask, k.ts AS kalshi_ts, f.books, f.book_ts,
                 CASE WHEN m.inverted THEN 1.0 - f.fair_prob ELSE f.fair_prob END AS fair_yes
          FROM mapping m
          JOIN kalshi k ON k.ticker = m.kalshi_ticker
          JOIN fair f ON f.event_id = m.event_id AND f.market_type = m.market_type AND f.outcome = m.outcome
          WHERE m.confirmed = true AND m.equivalence != 'block'
        )
        SELECT kalshi_ticker, event_id, market_type, outcome, inverted, equivalence, yes_bid, yes_ask,
               kalshi_ts, books, book_ts, fair_yes,
               fair_yes - yes_ask - 0.07 * yes_ask * (1.0 - yes_ask) AS yes_edge,
               (1.0 - fair_yes) - (1.0 - yes_bid) - 0.07 * (1.0 - yes_bid) * yes_bid AS no_edge
        FROM joined
        ORDER BY kalshi_ticker
        """;

    /// <summary>Bars of one market; {stride} is rendered from a validated bucket. Buckets are aligned to multiples of the stride since the epoch (UTC).</summary>
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

    /// <summary>As <see cref="QuoteBars"/>, with empty buckets between the first and last filled: prices carry the previous bucket, the tick count is 0.</summary>
    public const string QuoteBarsFilled = """
        SELECT ts,
               first_not_null(yes_bid) AS yes_bid_first, last_not_null(yes_bid) AS yes_bid_last,
               min(yes_bid) AS yes_bid_min, max(yes_bid) AS yes_bid_max,
               first_not_null(yes_ask) AS yes_ask_first, last_not_null(yes_ask) AS yes_ask_last,
               min(yes_ask) AS yes_ask_min, max(yes_ask) AS yes_ask_max,
               count() AS ticks
        FROM {p}kalshi_ticks
        WHERE ticker = @ticker AND ts >= @from AND ts < @to
        SAMPLE BY {stride} FILL(PREV, PREV, PREV, PREV, PREV, PREV, PREV, PREV, 0) ALIGN TO CALENDAR
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

    /// <summary>Latest settlement per market (a correction supersedes).</summary>
    public const string LatestSettlements = """
        SELECT * FROM {p}market_settlements
        LATEST ON ts PARTITION BY ticker
        """;

    public const string LatestMappings = """
        SELECT * FROM {p}event_mapping
        LATEST ON ts PARTITION BY kalshi_ticker
        """;

    /// <summary>
    /// Latency percentiles per stage in µs: feed stages are received_at - venue ts (negative clock skew counted as 0);
    /// questdb_write is acknowledgement - received_at. approx_percentile is QuestDB's HdrHistogram percentile with 3
    /// significant digits: a true percentile within 0.1%, not a max() relabelled.
    /// </summary>
    public const string LatencyPercentiles = """
        SELECT 'kalshi_ticks' AS stage, approx_percentile(lat, 0.5, 3) AS p50, approx_percentile(lat, 0.9, 3) AS p90,
               approx_percentile(lat, 0.99, 3) AS p99, count() AS samples
        FROM (SELECT CASE WHEN received_at > ts THEN cast(received_at AS LONG) - cast(ts AS LONG) ELSE cast(0 AS LONG) END AS lat
              FROM {p}kalshi_ticks WHERE ts >= @from AND ts < @to)
        UNION ALL
        SELECT 'kalshi_trades' AS stage, approx_percentile(lat, 0.5, 3), approx_percentile(lat, 0.9, 3),
               approx_percentile(lat, 0.99, 3), count()
        FROM (SELECT CASE WHEN received_at > ts THEN cast(received_at AS LONG) - cast(ts AS LONG) ELSE cast(0 AS LONG) END AS lat
              FROM {p}kalshi_trades WHERE ts >= @from AND ts < @to)
        UNION ALL
        SELECT 'kalshi_orderbook' AS stage, approx_percentile(lat, 0.5, 3), approx_percentile(lat, 0.9, 3),
               approx_percentile(lat, 0.99, 3), count()
        FROM (SELECT CASE WHEN received_at > ts THEN cast(received_at AS LONG) - cast(ts AS LONG) ELSE cast(0 AS LONG) END AS lat
              FROM {p}kalshi_orderbook WHERE ts >= @from AND ts < @to)
        UNION ALL
        SELECT 'sportsbook_odds' AS stage, approx_percentile(lat, 0.5, 3), approx_percentile(lat, 0.9, 3),
               approx_percentile(lat, 0.99, 3), count()
        FROM (SELECT CASE WHEN received_at > ts THEN cast(received_at AS LONG) - cast(ts AS LONG) ELSE cast(0 AS LONG) END AS lat
              FROM {p}sportsbook_odds WHERE ts >= @from AND ts < @to)
        UNION ALL
        SELECT 'questdb_write' AS stage, approx_percentile(lat, 0.5, 3), approx_percentile(lat, 0.9, 3),
               approx_percentile(lat, 0.99, 3), count()
        FROM (SELECT CASE WHEN latency_us > 0 THEN latency_us ELSE cast(0 AS LONG) END AS lat
              FROM {p}pipeline_latency WHERE stage = 'questdb_write' AND ts >= @from AND ts < @to)
        """;

    /// <summary>
    /// P&amp;L of the Kalshi leg of each execution in [@from, @to), after its fee, in dollars. Settled (latest settlement
    /// per market): quantity * (payout - price) - fee, payout 1 when the held side won, else 0; a void settles at
    /// -fee (the price is returned, the fee is not assumed to be). Open: marked to the latest bid of the held side
    /// (YES bid, or NO bid = 1 - YES ask) as quantity * (bid - price) - fee; null when no bid is known since @since.
    /// </summary>
    public const string ExecutionPnl = """
        WITH settled AS (
          SELECT ticker, result FROM {p}market_settlements LATEST ON ts PARTITION BY ticker
        ),
        quote AS (
          SELECT ticker, yes_bid, yes_ask FROM {p}kalshi_ticks WHERE ts >= @since LATEST ON ts PARTITION BY ticker
        ),
        legs AS (
          SELECT e.execution_id, e.kalshi_ticker, e.side, e.kalshi_price, e.quantity, e.kalshi_fee, e.ts,
                 s.result,
                 CASE WHEN e.side = 'yes' THEN q.yes_bid ELSE 1.0 - q.yes_ask END AS bid
          FROM {p}executions e
          LEFT JOIN settled s ON s.ticker = e.kalshi_ticker
          LEFT JOIN quote q ON q.ticker = e.kalshi_ticker
          WHERE e.ts >= @from AND e.ts < @to
        )
        SELECT execution_id, kalshi_ticker, CASE WHEN result IS NULL THEN false ELSE true END AS settled,
               CASE
                 WHEN result IS NULL THEN NULL
                 WHEN result = 'void' THEN 0.0 - kalshi_fee
                 WHEN (result = 'yes' AND side = 'yes') OR (result = 'no' AND side = 'no') THEN quantity * (1.0 - kalshi_price) - kalshi_fee
                 ELSE quantity * (0.0 - kalshi_price) - kalshi_fee
               END AS realized,
               CASE WHEN result IS NULL AND bid IS NOT NULL THEN quantity * (bid - kalshi_price) - kalshi_fee END AS marked
        FROM legs
        ORDER BY ts
        """;

    /// <summary>WAL state of every table: applied (writerTxn) against committed (sequencerTxn) transactions, and whether apply is suspended.</summary>
    public const string WalTables = "SELECT name, suspended, writerTxn, sequencerTxn FROM wal_tables()";

    // ---- Paged history reads (REST API): {skip} and {end} are rendered from validated integers by Paged. ----

    /// <summary>One page of <see cref="OpportunitiesInRange"/>: rows {skip} to {end} (exclusive) in the same total order, so pages neither repeat nor skip rows that share a timestamp.</summary>
    public const string OpportunitiesPage = """
        SELECT * FROM {p}arb_opportunities
        WHERE ts >= @from AND ts < @to
        ORDER BY ts, opportunity_id, state
        LIMIT {skip}, {end}
        """;

    /// <summary>As <see cref="OpportunitiesPage"/> for one market.</summary>
    public const string OpportunitiesPageForTicker = """
        SELECT * FROM {p}arb_opportunities
        WHERE kalshi_ticker = @ticker AND ts >= @from AND ts < @to
        ORDER BY ts, opportunity_id, state
        LIMIT {skip}, {end}
        """;

    /// <summary>One page of executions in [@from, @to); ties on ts in id order, so a page border is stable.</summary>
    public const string ExecutionsPage = """
        SELECT * FROM {p}executions
        WHERE ts >= @from AND ts < @to
        ORDER BY ts, execution_id
        LIMIT {skip}, {end}
        """;

    /// <summary>One page of the latest settlement per market (a correction supersedes) at or after @from.</summary>
    public const string SettlementsPage = """
        SELECT * FROM (SELECT * FROM {p}market_settlements LATEST ON ts PARTITION BY ticker)
        WHERE ts >= @from
        ORDER BY ts, ticker
        LIMIT {skip}, {end}
        """;

    /// <summary>A paged template with its row window; <paramref name="skip"/> and <paramref name="take"/> are checked, never text from a caller.</summary>
    public string Paged(string template, int skip, int take)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        return Render(template)
            .Replace("{skip}", skip.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{end}", ((long)skip + take).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

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

    private readonly Dictionary<string, string> _rendered = new(StringComparer.Ordinal);

    public QuestDbSql(string tablePrefix)
    {
        ArgumentNullException.ThrowIfNull(tablePrefix);
        if (!PrefixPattern().IsMatch(tablePrefix))
        {
            throw new ArgumentException($"Table prefix \"{tablePrefix}\" must match [a-z0-9_]*.", nameof(tablePrefix));
        }

        Prefix = tablePrefix;
    }

    public string Prefix { get; }

    /// <summary>The prefixed name of one of our tables.</summary>
    public string TableName(string table)
    {
        if (!Tables.Any(t => t.Table == table))
        {
            throw new ArgumentException($"Unknown table \"{table}\".", nameof(table));
        }

        return Prefix + table;
    }

    /// <summary>A template rendered with this prefix (cached).</summary>
    public string Render(string template)
    {
        lock (_rendered)
        {
            if (!_rendered.TryGetValue(template, out string? sql))
            {
                sql = template.Replace("{p}", Prefix, StringComparison.Ordinal);
                _rendered[template] = sql;
            }

            return sql;
        }
    }

    /// <summary>A per-table template (<see cref="SetTtl"/>, <see cref="CountRows"/>, <see cref="DropTable"/>) for one of our tables.</summary>
    public string ForTable(string template, string table, int ttlDays = 0)
    {
        TableName(table);
        ArgumentOutOfRangeException.ThrowIfNegative(ttlDays);
        return template.Replace("{p}", Prefix, StringComparison.Ordinal)
            .Replace("{table}", table, StringComparison.Ordinal)
            .Replace("{days}", ttlDays.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>A SAMPLE BY template with the stride of <paramref name="bucket"/>.</summary>
    public string Sampled(string template, TimeSpan bucket) =>
        Render(template).Replace("{stride}", Stride(bucket), StringComparison.Ordinal);

    /// <summary>
    /// The SAMPLE BY stride for a bucket: whole seconds dividing a day (1s, 5s, 1m, 15m, 1h, 1d ...), so buckets
    /// fall on the same boundaries in QuestDB and in the in-memory history.
    /// </summary>
    public static string Stride(TimeSpan bucket)
    {
        BarBucket.Validate(bucket);
        long seconds = (long)bucket.TotalSeconds;
        return seconds switch
        {
            _ when seconds % 86400 == 0 => $"{seconds / 86400}d",
            _ when seconds % 3600 == 0 => $"{seconds / 3600}h",
            _ when seconds % 60 == 0 => $"{seconds / 60}m",
            _ => $"{seconds}s",
        };
    }

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

    [GeneratedRegex("^[a-z0-9_]*$")]
    private static partial Regex PrefixPattern();
}
