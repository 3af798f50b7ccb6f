using static KalshiArb.Ingestion.Storage.QuestDb.QuestDbTime;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>A row of <see cref="QuestDbSql.FillQuotesInRange"/>. Filled by Dapper (snake_case columns); the one conversion to the record is here.</summary>
internal sealed class FillQuoteRow
{
    public string ExecutionId { get; set; } = "";

    public string Side { get; set; } = "";

    public double KalshiPrice { get; set; }

    /// <summary>Null when no tick of the market lies within the tolerance before the fill.</summary>
    public DateTime? QuoteTs { get; set; }

    public double? YesBid { get; set; }

    public double? YesAsk { get; set; }

    public FillQuote ToFillQuote() => new(
        ExecutionId,
        StorageCodes.ParseSide(Side),
        (decimal)KalshiPrice,
        QuoteTs is { } ts ? Utc(ts) : null,
        (decimal?)YesBid,
        (decimal?)YesAsk);
}
