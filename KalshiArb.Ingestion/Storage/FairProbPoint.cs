namespace KalshiArb.Ingestion.Storage;

/// <summary>The devigged sportsbook probability of one outcome in one bucket, averaged over the books quoting it.</summary>
public sealed record FairProbPoint(DateTime Ts, decimal FairProb, int Books);
