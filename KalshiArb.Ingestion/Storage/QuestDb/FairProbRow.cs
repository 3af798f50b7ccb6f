using static KalshiArb.Ingestion.Storage.QuestDb.QuestDbTime;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>One bucket of <see cref="QuestDbSql.FairProbSeries"/>. Filled by Dapper (snake_case columns); the one conversion to the model is here.</summary>
internal sealed class FairProbRow
{
    public DateTime Ts { get; set; }

    public double? FairProb { get; set; }

    public long Books { get; set; }

    public FairProbPoint ToPoint() => new(Utc(Ts), (decimal)FairProb!.Value, (int)Books);
}
