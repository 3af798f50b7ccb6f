using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>A proposed mapping (unconfirmed) with how well titles, teams and dates matched (0..1).</summary>
public sealed record MappingSuggestion(KalshiMarketInfo Market, SportsEvent Event, double Score, EventMapping Proposed);
