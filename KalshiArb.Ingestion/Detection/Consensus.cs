namespace KalshiArb.Ingestion.Detection;

/// <summary>The books' weighted fair probability of one outcome, and the exchange time of the oldest quote behind it.</summary>
internal readonly record struct Consensus(decimal Probability, DateTime OldestQuoteTs);
