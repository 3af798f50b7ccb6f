namespace KalshiArb.Ingestion.Detection;

/// <summary>The books' weighted fair probability of one outcome, and the exchange time of the oldest quote behind it.</summary>
internal sealed record Consensus(decimal Probability, DateTime OldestQuoteTs);
