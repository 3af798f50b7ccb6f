namespace KalshiArb.Ingestion.Model;

/// <summary>A sportsbook event (The Odds API's event): the material for mapping suggestions.</summary>
public sealed record SportsEvent(
    string EventId,
    string SportKey,
    string HomeTeam,
    string AwayTeam,
    DateTime CommenceTime);
