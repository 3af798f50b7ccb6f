using KalshiArb.Ingestion.Model;
using static KalshiArb.Ingestion.Storage.QuestDb.QuestDbTime;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>A row of sportsbook_odds. Filled by Dapper (snake_case columns); the one conversion to the model is here.</summary>
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

    public SportsbookQuote ToSportsbookQuote() => new(
        EventId,
        Sport,
        Book,
        MarketType,
        Outcome,
        (decimal?)Point,
        (int)American,
        (decimal)DecimalOdds,
        (decimal)ImpliedProb,
        (decimal)FairProb,
        StorageCodes.ParseDevig(DevigMethod),
        Utc(Ts),
        Utc(ReceivedAt));
}
