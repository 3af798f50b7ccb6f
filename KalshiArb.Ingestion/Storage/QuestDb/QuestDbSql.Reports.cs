namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>The SQL-side reports: the +EV audit, latency percentiles, and WAL progress.</summary>
public sealed partial class QuestDbSql
{
    /// <summary>
    /// The audit/cross-check of the in-memory detector's +EV verdicts on moneylines (<c>market_type = 'h2h'</c>). For
    /// each confirmed, non-blocked h2h mapping (latest row per ticker): the latest Kalshi quote and the average of the
    /// latest devigged fair_prob of the mapped outcome across books. YES means the outcome happens unless
    /// <c>inverted</c>, then fair_yes = 1 - fair. Edge per contract = fair - ask - fee, with the unrounded per-contract
    /// taker fee 0.07 * P * (1 - P) (multiplier 1, one contract); the live detector rounds fees per order, so expect it
    /// to differ by at most the rounding. NO is bought at no_ask = 1 - yes_bid against fair_no = 1 - fair_yes.
    /// Spreads and totals are left out: their fair value depends on the point (books quote different lines, the
    /// detector prices a line model per point), which an average of fair_prob across books does not express.
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
          WHERE ts >= @since AND market_type = 'h2h'
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
          WHERE m.confirmed = true AND m.equivalence != 'block' AND m.market_type = 'h2h'
        )
        SELECT kalshi_ticker, event_id, market_type, outcome, inverted, equivalence, yes_bid, yes_ask,
               kalshi_ts, books, book_ts, fair_yes,
               fair_yes - yes_ask - 0.07 * yes_ask * (1.0 - yes_ask) AS yes_edge,
               (1.0 - fair_yes) - (1.0 - yes_bid) - 0.07 * (1.0 - yes_bid) * yes_bid AS no_edge
        FROM joined
        ORDER BY kalshi_ticker
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

    /// <summary>WAL state of every table: applied (writerTxn) against committed (sequencerTxn) transactions, and whether apply is suspended.</summary>
    public const string WalTables = "SELECT name, suspended, writerTxn, sequencerTxn FROM wal_tables()";
}
