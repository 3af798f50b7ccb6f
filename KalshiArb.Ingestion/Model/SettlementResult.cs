namespace KalshiArb.Ingestion.Model;

public enum SettlementResult
{
    Yes,
    No,

    /// <summary>Voided: Kalshi returns the price paid.</summary>
    Void,
}
