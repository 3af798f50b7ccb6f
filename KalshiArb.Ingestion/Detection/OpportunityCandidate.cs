using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// One opportunity a mapping's pricing supports right now, before the tracker gives it an identity and a
/// lifecycle. A value type: pricing a mapping that supports nothing allocates nothing. <see cref="Model"/> is set on
/// model-based spread/total prices (+EV only).
/// </summary>
internal readonly record struct OpportunityCandidate(
    OpportunityKind Kind,
    Side Side,
    string Book,
    decimal KalshiPrice,
    decimal BookOdds,
    decimal FairProb,
    decimal Fee,
    decimal EdgePct,
    decimal Size,
    decimal Profit,
    decimal HedgeStake,
    DateTime KalshiQuoteTs,
    DateTime BookQuoteTs,
    LineModel? Model = null);
