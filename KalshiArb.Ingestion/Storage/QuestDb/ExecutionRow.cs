using KalshiArb.Ingestion.Model;
using static KalshiArb.Ingestion.Storage.QuestDb.QuestDbTime;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>A row of executions. Filled by Dapper (snake_case columns); the one conversion to the model is here.</summary>
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

    public Execution ToExecution() => new(
        ExecutionId,
        OpportunityId,
        KalshiTicker,
        StorageCodes.ParseSide(Side),
        (decimal)PlannedPrice,
        (decimal)KalshiPrice,
        (decimal)Quantity,
        (decimal)KalshiFee,
        KalshiOrderId,
        HedgeBook,
        HedgeEvent,
        HedgeOutcome,
        (decimal?)PlannedHedgeOdds,
        (decimal?)HedgeOdds,
        (decimal?)HedgeStake,
        LegGapMs,
        Utc(Ts));
}
