namespace KalshiArb.Ingestion.Storage;

/// <summary>Opportunities opened in an hour and how many of them were executed.</summary>
public sealed record HourlyHitRate(DateTime Hour, long Detected, long Executed)
{
    public double Rate => Detected == 0 ? 0 : (double)Executed / Detected;
}
