namespace KalshiArb.Ingestion.Abstractions;

public enum HealthLevel
{
    Healthy,
    Degraded,
    Down,
    Disabled,
}
