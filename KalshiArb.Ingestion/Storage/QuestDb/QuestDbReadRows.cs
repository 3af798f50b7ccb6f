using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Storage.QuestDb;

// Shapes Dapper fills from QuestDB result sets (snake_case columns matched with underscores ignored).
// QuestDB returns timestamps without time zone and DOUBLE prices; QuestDbHistoryStore converts them
// to UTC DateTime and decimal dollars.

internal sealed class QuoteBarRow
{
    public DateTime Ts { get; set; }

    public double? YesBidFirst { get; set; }

    public double? YesBidLast { get; set; }

    public double? YesBidMin { get; set; }

    public double? YesBidMax { get; set; }

    public double? YesAskFirst { get; set; }

    public double? YesAskLast { get; set; }

    public double? YesAskMin { get; set; }

    public double? YesAskMax { get; set; }

    public long Ticks { get; set; }
}

internal sealed class FairProbRow
{
    public DateTime Ts { get; set; }

    public double? FairProb { get; set; }

    public long Books { get; set; }
}

internal sealed class OpportunityRow
{
    public DateTime Ts { get; set; }

    public string OpportunityId { get; set; } = "";

    public string State { get; set; } = "";

    public string Kind { get; set; } = "";

    public string KalshiTicker { get; set; } = "";

    public string? SportsbookEvent { get; set; }

    public string? Book { get; set; }

    public string Side { get; set; } = "";

    public double KalshiPrice { get; set; }

    public double BookOdds { get; set; }

    public double FairProb { get; set; }

    public double Fee { get; set; }

    public double EdgePct { get; set; }

    public double Size { get; set; }

    public double Profit { get; set; }

    public double HedgeStake { get; set; }

    public double PeakEdgePct { get; set; }

    public string Equivalence { get; set; } = "";

    public DateTime FirstSeen { get; set; }

    public DateTime KalshiQuoteTs { get; set; }

    public DateTime BookQuoteTs { get; set; }

    public string? CloseReason { get; set; }

    public string? Model { get; set; }
}

internal sealed class ExecutionRow
{
    public DateTime Ts { get; set; }

    public string ExecutionId { get; set; } = "";

    public string? OpportunityId { get; set; }

    public string KalshiTicker { get; set; } = "";

    public string Side { get; set; } = "";

    public double PlannedPrice { get; set; }

    public double KalshiPrice { get; set; }

    public double Quantity { get; set; }

    public double KalshiFee { get; set; }

    public string? KalshiOrderId { get; set; }

    public string? HedgeBook { get; set; }

    public string? HedgeEvent { get; set; }

    public string? HedgeOutcome { get; set; }

    public double? PlannedHedgeOdds { get; set; }

    public double? HedgeOdds { get; set; }

    public double? HedgeStake { get; set; }

    public double? LegGapMs { get; set; }
}

internal sealed class SettlementRow
{
    public DateTime Ts { get; set; }

    public string Ticker { get; set; } = "";

    public string Result { get; set; } = "";

    public string Source { get; set; } = "";
}

internal sealed class MappingRow
{
    public DateTime Ts { get; set; }

    public string KalshiTicker { get; set; } = "";

    public string EventId { get; set; } = "";

    public string Sport { get; set; } = "";

    public string MarketType { get; set; } = "";

    public string Outcome { get; set; } = "";

    public bool Inverted { get; set; }

    public bool KalshiIncludesOvertime { get; set; }

    public bool BookIncludesOvertime { get; set; }

    public string KalshiTieRule { get; set; } = "";

    public string BookTieRule { get; set; } = "";

    public string KalshiVoidRule { get; set; } = "";

    public string BookVoidRule { get; set; } = "";

    public string Equivalence { get; set; } = "";

    public bool Confirmed { get; set; }

    public string? Note { get; set; }

    public double? Point { get; set; }
}

internal sealed class LatencyRow
{
    public string Stage { get; set; } = "";

    public double? P50 { get; set; }

    public double? P90 { get; set; }

    public double? P99 { get; set; }

    public long Samples { get; set; }
}

internal sealed class KalshiQuoteRow
{
    public DateTime Ts { get; set; }

    public string Ticker { get; set; } = "";

    public double? YesBid { get; set; }

    public double? YesAsk { get; set; }

    public double? YesBidSize { get; set; }

    public double? YesAskSize { get; set; }

    public double? LastPrice { get; set; }

    public double? Volume { get; set; }

    public double? OpenInterest { get; set; }

    public DateTime ReceivedAt { get; set; }
}

internal sealed class SportsbookQuoteRow
{
    public DateTime Ts { get; set; }

    public string EventId { get; set; } = "";

    public string Sport { get; set; } = "";

    public string Book { get; set; } = "";

    public string MarketType { get; set; } = "";

    public string Outcome { get; set; } = "";

    public double? Point { get; set; }

    public long American { get; set; }

    public double DecimalOdds { get; set; }

    public double ImpliedProb { get; set; }

    public double FairProb { get; set; }

    public string DevigMethod { get; set; } = "";

    public DateTime ReceivedAt { get; set; }
}

internal sealed class ExecutionPnlRow
{
    public string ExecutionId { get; set; } = "";

    public string KalshiTicker { get; set; } = "";

    public bool Settled { get; set; }

    public double? Realized { get; set; }

    public double? Marked { get; set; }
}

internal sealed class PositiveEvAuditDbRow
{
    public string KalshiTicker { get; set; } = "";

    public string EventId { get; set; } = "";

    public string MarketType { get; set; } = "";

    public string Outcome { get; set; } = "";

    public bool Inverted { get; set; }

    public string Equivalence { get; set; } = "";

    public double? YesBid { get; set; }

    public double? YesAsk { get; set; }

    public DateTime KalshiTs { get; set; }

    public long Books { get; set; }

    public DateTime BookTs { get; set; }

    public double FairYes { get; set; }

    public double? YesEdge { get; set; }

    public double? NoEdge { get; set; }
}

internal sealed class WalTableRow
{
    public string Name { get; set; } = "";

    public bool Suspended { get; set; }

    public long WriterTxn { get; set; }

    public long SequencerTxn { get; set; }
}
