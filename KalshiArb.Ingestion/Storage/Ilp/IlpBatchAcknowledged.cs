namespace KalshiArb.Ingestion.Storage.Ilp;

/// <summary>
/// Called after QuestDB acknowledged a live batch: the local receive times (UTC ticks) of the rows that carried
/// one, and the acknowledgement time, so the "write acknowledged - received" latency is measurable.
/// </summary>
public delegate void IlpBatchAcknowledged(ReadOnlySpan<long> receivedAtTicks, DateTime acknowledgedAt);
