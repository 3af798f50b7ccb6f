using KalshiArb.Ingestion.Model;
using static KalshiArb.Ingestion.Storage.QuestDb.QuestDbTime;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>A row of event_mapping. Filled by Dapper (snake_case columns); the one conversion to the model is here.</summary>
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

    public EventMapping ToMapping() => new(
        KalshiTicker,
        EventId,
        Sport,
        MarketType,
        Outcome,
        Inverted,
        KalshiIncludesOvertime,
        BookIncludesOvertime,
        KalshiTieRule,
        BookTieRule,
        KalshiVoidRule,
        BookVoidRule,
        StorageCodes.ParseEquivalence(Equivalence),
        Confirmed,
        Note,
        Utc(Ts),
        (decimal?)Point);
}
