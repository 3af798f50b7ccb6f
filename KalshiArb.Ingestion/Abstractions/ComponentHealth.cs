namespace KalshiArb.Ingestion.Abstractions;

/// <summary>What one component (a feed, QuestDB, Redis, the spool) says of itself, with its figures by name.</summary>
public sealed record ComponentHealth(
    string Component,
    HealthLevel Level,
    string Message,
    IReadOnlyDictionary<string, double> Figures,
    DateTime At);
