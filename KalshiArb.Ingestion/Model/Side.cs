namespace KalshiArb.Ingestion.Model;

/// <summary>The side of a Kalshi binary contract.</summary>
public enum Side
{
    Yes,
    No,
}
