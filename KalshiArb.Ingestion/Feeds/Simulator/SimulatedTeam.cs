namespace KalshiArb.Ingestion.Feeds.Simulator;

/// <summary>A team as both venues name it: Kalshi's ticker code and the sportsbooks' full name.</summary>
internal sealed record SimulatedTeam(string Code, string Name);
