using static KalshiArb.Ingestion.Storage.QuestDb.QuestDbTime;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>One SAMPLE BY bucket of a market's quotes (<see cref="QuestDbSql.QuoteBars"/>). Filled by Dapper (snake_case columns); the one conversion to the model is here.</summary>
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

    public QuoteBar ToBar() => new(
        Utc(Ts),
        (decimal?)YesBidFirst,
        (decimal?)YesBidLast,
        (decimal?)YesBidMin,
        (decimal?)YesBidMax,
        (decimal?)YesAskFirst,
        (decimal?)YesAskLast,
        (decimal?)YesAskMin,
        (decimal?)YesAskMax,
        Ticks);
}
