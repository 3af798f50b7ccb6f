namespace KalshiArb.Ingestion.Storage;

/// <summary>True percentiles of one pipeline stage's latency, in milliseconds.</summary>
public sealed record StageLatency(string Stage, double P50Ms, double P90Ms, double P99Ms, long Samples);
