namespace KalshiArb.Ingestion.Abstractions;

/// <summary>A component that can report its health; every one registered in DI shows on the Health page.</summary>
public interface IHealthSource
{
    ComponentHealth GetHealth();
}
