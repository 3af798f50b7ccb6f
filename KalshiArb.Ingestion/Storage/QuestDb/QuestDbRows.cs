using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Storage.Ilp;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>
/// How each record becomes ILP rows (column names and units as in <see cref="QuestDbSql"/> and docs/storage.md).
/// Static methods taking (tables, record) as a value tuple, so the writer calls them without allocating.
/// Prices and money go as DOUBLE dollars (ILP text has no portable decimal); a null value omits the column (NULL).
/// </summary>
internal static class QuestDbRows
{
    public static void Tick(IlpBuffer row, (QuestDbTables Tables, KalshiTick Tick) s)
    {
        KalshiTick t = s.Tick;
        row.Table(s.Tables.KalshiTicks).Symbol("ticker", t.Ticker);
        Optional(row, "yes_bid", t.YesBid);
        Optional(row, "yes_ask", t.YesAsk);
        Optional(row, "no_bid", t.NoBid);
        Optional(row, "no_ask", t.NoAsk);
        Optional(row, "yes_bid_size", t.YesBidSize);
        Optional(row, "yes_ask_size", t.YesAskSize);
        Optional(row, "last_price", t.LastPrice);
        row.Column("volume", t.Volume)
            .Column("open_interest", t.OpenInterest)
            .TimestampColumn("received_at", t.ReceivedAt)
            .At(t.ExchangeTs);
    }

    public static void Trade(IlpBuffer row, (QuestDbTables Tables, KalshiTrade Trade) s)
    {
        KalshiTrade t = s.Trade;
        row.Table(s.Tables.KalshiTrades).Symbol("ticker", t.Ticker).Symbol("taker_side", StorageCodes.Code(t.TakerSide))
            .Column("trade_id", t.TradeId)
            .Column("yes_price", t.YesPrice)
            .Column("no_price", t.NoPrice)
            .Column("contracts", t.Count)
            .TimestampColumn("received_at", t.ReceivedAt)
            .At(t.ExchangeTs);
    }

    public static void Delta(IlpBuffer row, (QuestDbTables Tables, BookDelta Delta) s)
    {
        BookDelta d = s.Delta;
        row.Table(s.Tables.KalshiOrderbook).Symbol("ticker", d.Ticker).Symbol("side", StorageCodes.Code(d.Side))
            .Column("price", d.Price)
            .Column("quantity", d.Delta)
            .Column("seq", d.Seq)
            .Column("is_snapshot", false)
            .TimestampColumn("received_at", d.ReceivedAt)
            .At(d.ExchangeTs);
    }

    /// <summary>One row per level of each side; an empty book writes nothing (the next snapshot or delta says more).</summary>
    public static void Snapshot(IlpBuffer row, (QuestDbTables Tables, BookSnapshot Snapshot) s)
    {
        BookSnapshot b = s.Snapshot;
        Levels(row, s.Tables, b, Side.Yes, b.YesBids);
        Levels(row, s.Tables, b, Side.No, b.NoBids);
    }

    public static void Status(IlpBuffer row, (QuestDbTables Tables, MarketStatusChanged Status) s) =>
        row.Table(s.Tables.KalshiMarketStatus).Symbol("ticker", s.Status.Ticker).Symbol("status", s.Status.Status)
            .TimestampColumn("received_at", s.Status.ReceivedAt)
            .At(s.Status.ExchangeTs);

    public static void Integrity(IlpBuffer row, (QuestDbTables Tables, BookIntegrityChanged Integrity) s) =>
        row.Table(s.Tables.KalshiBookIntegrity).Symbol("ticker", s.Integrity.Ticker)
            .Column("trusted", s.Integrity.Trusted)
            .Column("reason", s.Integrity.Reason)
            .TimestampColumn("received_at", s.Integrity.ReceivedAt)
            .At(s.Integrity.ExchangeTs);

    public static void Quote(IlpBuffer row, (QuestDbTables Tables, SportsbookQuote Quote) s)
    {
        SportsbookQuote q = s.Quote;
        row.Table(s.Tables.SportsbookOdds)
            .Symbol("event_id", q.EventId).Symbol("sport", q.SportKey).Symbol("book", q.Book)
            .Symbol("market_type", q.MarketType).Symbol("outcome", q.Outcome)
            .Symbol("devig_method", StorageCodes.Code(q.DevigMethod));
        Optional(row, "point", q.Point);
        row.Column("american", (long)q.American)
            .Column("decimal_odds", q.DecimalOdds)
            .Column("implied_prob", q.ImpliedProb)
            .Column("fair_prob", q.FairProb)
            .TimestampColumn("received_at", q.ReceivedAt)
            .At(q.ExchangeTs);
    }

    public static void Opportunity(IlpBuffer row, (QuestDbTables Tables, Opportunity Opportunity) s)
    {
        Opportunity o = s.Opportunity;
        row.Table(s.Tables.ArbOpportunities)
            .Symbol("state", StorageCodes.Code(o.State)).Symbol("kind", StorageCodes.Code(o.Kind))
            .Symbol("kalshi_ticker", o.KalshiTicker);
        OptionalSymbol(row, "sportsbook_event", o.SportsbookEvent);
        OptionalSymbol(row, "book", o.Book);
        row.Symbol("side", StorageCodes.Code(o.Side)).Symbol("equivalence", StorageCodes.Code(o.Equivalence))
            .Column("opportunity_id", o.OpportunityId)
            .Column("kalshi_price", o.KalshiPrice)
            .Column("book_odds", o.BookOdds)
            .Column("fair_prob", o.FairProb)
            .Column("fee", o.Fee)
            .Column("edge_pct", o.EdgePct)
            .Column("size", o.Size)
            .Column("profit", o.Profit)
            .Column("hedge_stake", o.HedgeStake)
            .Column("peak_edge_pct", o.PeakEdgePct)
            .TimestampColumn("first_seen", o.FirstSeen)
            .TimestampColumn("kalshi_quote_ts", o.KalshiQuoteTs)
            .TimestampColumn("book_quote_ts", o.BookQuoteTs);
        if (o.CloseReason is not null)
        {
            row.Column("close_reason", o.CloseReason);
        }

        if (o.Model is not null)
        {
            row.Column("model", LineModelJson.Write(o.Model));
        }

        row.At(o.Ts);
    }

    public static void Execution(IlpBuffer row, (QuestDbTables Tables, Execution Execution) s)
    {
        Execution e = s.Execution;
        row.Table(s.Tables.Executions).Symbol("kalshi_ticker", e.KalshiTicker).Symbol("side", StorageCodes.Code(e.KalshiSide));
        OptionalSymbol(row, "hedge_book", e.HedgeBook);
        OptionalSymbol(row, "hedge_event", e.HedgeEvent);
        OptionalSymbol(row, "hedge_outcome", e.HedgeOutcome);
        row.Column("execution_id", e.ExecutionId);
        if (e.OpportunityId is not null)
        {
            row.Column("opportunity_id", e.OpportunityId);
        }

        if (e.KalshiOrderId is not null)
        {
            row.Column("kalshi_order_id", e.KalshiOrderId);
        }

        row.Column("planned_price", e.PlannedPrice)
            .Column("kalshi_price", e.KalshiPrice)
            .Column("quantity", e.Quantity)
            .Column("kalshi_fee", e.KalshiFee);
        Optional(row, "planned_hedge_odds", e.PlannedHedgeOdds);
        Optional(row, "hedge_odds", e.HedgeOdds);
        Optional(row, "hedge_stake", e.HedgeStake);
        if (e.LegGapMs is { } gap)
        {
            row.Column("leg_gap_ms", gap);
        }

        row.At(e.Ts);
    }

    public static void Settlement(IlpBuffer row, (QuestDbTables Tables, Settlement Settlement) s) =>
        row.Table(s.Tables.MarketSettlements)
            .Symbol("ticker", s.Settlement.Ticker)
            .Symbol("result", StorageCodes.Code(s.Settlement.Result))
            .Column("source", s.Settlement.Source)
            .At(s.Settlement.Ts);

    public static void Mapping(IlpBuffer row, (QuestDbTables Tables, EventMapping Mapping) s)
    {
        EventMapping m = s.Mapping;
        row.Table(s.Tables.EventMapping)
            .Symbol("kalshi_ticker", m.KalshiTicker).Symbol("event_id", m.EventId).Symbol("sport", m.SportKey)
            .Symbol("market_type", m.MarketType).Symbol("outcome", m.Outcome)
            .Symbol("equivalence", StorageCodes.Code(m.Equivalence))
            .Column("inverted", m.Inverted)
            .Column("kalshi_includes_overtime", m.KalshiIncludesOvertime)
            .Column("book_includes_overtime", m.BookIncludesOvertime)
            .Column("kalshi_tie_rule", m.KalshiTieRule)
            .Column("book_tie_rule", m.BookTieRule)
            .Column("kalshi_void_rule", m.KalshiVoidRule)
            .Column("book_void_rule", m.BookVoidRule)
            .Column("confirmed", m.Confirmed);
        if (m.Note is not null)
        {
            row.Column("note", m.Note);
        }

        Optional(row, "point", m.Point);

        row.At(m.UpdatedAt);
    }

    public static void WriteLatency(IlpBuffer row, (QuestDbTables Tables, long Seq, long LatencyMicros, DateTime AcknowledgedAt) s) =>
        row.Table(s.Tables.PipelineLatency).Symbol("stage", "questdb_write")
            .Column("seq", s.Seq)
            .Column("latency_us", s.LatencyMicros)
            .At(s.AcknowledgedAt);

    private static void Levels(IlpBuffer row, QuestDbTables tables, BookSnapshot book, Side side, IReadOnlyList<BookLevel> levels)
    {
        string sideCode = StorageCodes.Code(side);
        for (int i = 0; i < levels.Count; i++)
        {
            row.Table(tables.KalshiOrderbook).Symbol("ticker", book.Ticker).Symbol("side", sideCode)
                .Column("price", levels[i].Price)
                .Column("quantity", levels[i].Size)
                .Column("seq", book.Seq)
                .Column("is_snapshot", true)
                .TimestampColumn("received_at", book.ReceivedAt)
                .At(book.ExchangeTs);
        }
    }

    private static void Optional(IlpBuffer row, string name, decimal? value)
    {
        if (value is { } v)
        {
            row.Column(name, v);
        }
    }

    private static void OptionalSymbol(IlpBuffer row, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            row.Symbol(name, value);
        }
    }
}
