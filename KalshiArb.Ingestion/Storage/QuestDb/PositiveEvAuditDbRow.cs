using static KalshiArb.Ingestion.Storage.QuestDb.QuestDbTime;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>One market of <see cref="QuestDbSql.PositiveEvAudit"/>. Filled by Dapper (snake_case columns); the one conversion to the model is here.</summary>
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

    public PositiveEvAuditRow ToAuditRow() => new(
        KalshiTicker,
        EventId,
        MarketType,
        Outcome,
        Inverted,
        Equivalence,
        (decimal?)YesBid,
        (decimal?)YesAsk,
        Utc(KalshiTs),
        Books,
        Utc(BookTs),
        (decimal)FairYes,
        (decimal?)YesEdge,
        (decimal?)NoEdge);
}
