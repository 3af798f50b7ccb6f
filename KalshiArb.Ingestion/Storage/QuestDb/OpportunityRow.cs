using KalshiArb.Ingestion.Model;
using static KalshiArb.Ingestion.Storage.QuestDb.QuestDbTime;

namespace KalshiArb.Ingestion.Storage.QuestDb;

/// <summary>A row of arb_opportunities. Filled by Dapper (snake_case columns); the one conversion to the model is here.</summary>
internal sealed class OpportunityRow
{
    public DateTime Ts { get; set; }

    public string OpportunityId { get; set; } = "";

    public string State { get; set; } = "";

    public string Kind { get; set; } = "";

    public string KalshiTicker { get; set; } = "";

    public string? SportsbookEvent { get; set; }

    public string? Book { get; set; }

    public string Side { get; set; } = "";

    public double KalshiPrice { get; set; }

    public double BookOdds { get; set; }

    public double FairProb { get; set; }

    public double Fee { get; set; }

    public double EdgePct { get; set; }

    public double Size { get; set; }

    public double Profit { get; set; }

    public double HedgeStake { get; set; }

    public double PeakEdgePct { get; set; }

    public string Equivalence { get; set; } = "";

    public DateTime FirstSeen { get; set; }

    public DateTime KalshiQuoteTs { get; set; }

    public DateTime BookQuoteTs { get; set; }

    public string? CloseReason { get; set; }

    public string? Model { get; set; }

    public Opportunity ToOpportunity() => new(
        OpportunityId,
        StorageCodes.ParseState(State),
        StorageCodes.ParseKind(Kind),
        KalshiTicker,
        SportsbookEvent ?? "",
        Book ?? "",
        StorageCodes.ParseSide(Side),
        (decimal)KalshiPrice,
        (decimal)BookOdds,
        (decimal)FairProb,
        (decimal)Fee,
        (decimal)EdgePct,
        (decimal)Size,
        (decimal)Profit,
        (decimal)HedgeStake,
        (decimal)PeakEdgePct,
        StorageCodes.ParseEquivalence(Equivalence),
        Utc(FirstSeen),
        Utc(KalshiQuoteTs),
        Utc(BookQuoteTs),
        CloseReason,
        Utc(Ts),
        LineModelJson.Read(Model));
}
