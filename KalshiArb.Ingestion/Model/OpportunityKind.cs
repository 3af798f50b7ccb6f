namespace KalshiArb.Ingestion.Model;

public enum OpportunityKind
{
    /// <summary>Buy a Kalshi side below the devigged fair probability, net of fees.</summary>
    PositiveEv,

    /// <summary>A Kalshi leg plus the opposite outcome at a sportsbook, locking a profit either way.</summary>
    HedgedArb,
}
