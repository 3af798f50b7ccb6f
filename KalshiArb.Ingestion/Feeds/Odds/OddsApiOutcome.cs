namespace KalshiArb.Ingestion.Feeds.Odds;

/// <summary>One priced outcome of a bookmaker's market: its name, its point (spreads, totals) and its American odds.</summary>
internal sealed record OddsApiOutcome(string Name, decimal? Point, int American);
