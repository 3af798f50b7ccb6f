using KalshiArb.Ingestion.Model;
using static KalshiArb.Ingestion.Storage.QuestDb.QuestDbTime;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>A row of market_settlements. Filled by Dapper (snake_case columns); the one conversion to the model is here.</summary>
internal sealed class SettlementRow
{
    public DateTime Ts { get; set; }

    public string Ticker { get; set; } = "";

    public string Result { get; set; } = "";

    public string Source { get; set; } = "";

    public Settlement ToSettlement() => new(Ticker, StorageCodes.ParseResult(Result), Source, Utc(Ts));
}
