namespace KalshiArb.Ingestion.Pipeline;

public enum HealthLevel
{
    Healthy,
    Degraded,
    Down,
    Disabled,
}
