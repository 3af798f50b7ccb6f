using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// An immutable copy of one Kalshi L2 book for readers off the pipeline thread. Bids only, best first
/// (highest price first), each side priced on its own leg in dollars.
/// </summary>
public sealed record BookView(
    string Ticker,
    IReadOnlyList<BookLevel> YesBids,
    IReadOnlyList<BookLevel> NoBids,
    bool Trusted,
    long Seq,
    DateTime UpdatedAt);
