namespace KalshiArb.Ingestion.Model;

/// <summary>How the bookmaker's margin is removed from implied probabilities.</summary>
public enum DevigMethod
{
    Multiplicative,
    Additive,
    Power,
    Shin,
}
