namespace KalshiArb.Ingestion.Storage;

/// <summary>One SAMPLE BY bucket of a Kalshi market's top of book, in dollars; null where the bucket saw no quote on that side.</summary>
public sealed record QuoteBar(
    DateTime Ts,
    decimal? YesBidFirst,
    decimal? YesBidLast,
    decimal? YesBidMin,
    decimal? YesBidMax,
    decimal? YesAskFirst,
    decimal? YesAskLast,
    decimal? YesAskMin,
    decimal? YesAskMax,
    long Ticks);
