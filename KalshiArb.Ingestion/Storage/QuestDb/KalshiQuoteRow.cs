using KalshiArb.Ingestion.Model;
using static KalshiArb.Ingestion.Storage.QuestDb.QuestDbTime;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>A row of kalshi_ticks as the quote reads select it. Filled by Dapper (snake_case columns); the one conversion to the model is here.</summary>
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

    public KalshiTick ToKalshiTick() => new(
        Ticker,
        (decimal?)YesBid,
        (decimal?)YesAsk,
        (decimal?)YesBidSize,
        (decimal?)YesAskSize,
        (decimal?)LastPrice,
        (decimal)(Volume ?? 0),
        (decimal)(OpenInterest ?? 0),
        Utc(Ts),
        Utc(ReceivedAt));
}
