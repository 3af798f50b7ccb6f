using KalshiArb.Ingestion.Model;

namespace KalshiArb.Web.Services;

/// <summary>A detected opportunity drawn on a market chart, priced on the YES scale (a NO buy at p shows at 1 - p).</summary>
public sealed record OpportunityMarker(string OpportunityId, DateTime Ts, decimal YesPrice, Side Side, OpportunityKind Kind, decimal EdgePct);
