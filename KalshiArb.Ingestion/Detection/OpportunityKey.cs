using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Detection;

/// <summary>An opportunity's identity across transitions: kind, ticker, side and book ("consensus" for +EV). Ordinal.</summary>
internal readonly record struct OpportunityKey(OpportunityKind Kind, string Ticker, Side Side, string Book);
