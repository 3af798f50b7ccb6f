using KalshiArb.Ingestion.Pricing;
using static KalshiArb.Ingestion.Storage.QuestDb.QuestDbTime;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>One execution of <see cref="QuestDbSql.ExecutionPnl"/>. Filled by Dapper (snake_case columns); the one conversion to the model is here.</summary>
internal sealed class ExecutionPnlRow
{
    public string ExecutionId { get; set; } = "";

    public string KalshiTicker { get; set; } = "";

    public bool Settled { get; set; }

    public double? Realized { get; set; }

    public double? Marked { get; set; }

    public ExecutionPnl ToPnl() => new(ExecutionId, KalshiTicker, Settled, (decimal?)Realized, (decimal?)Marked);
}
