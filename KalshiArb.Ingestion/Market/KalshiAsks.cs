using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// What one can buy of a Kalshi side right now: the ask ladder best first, from the L2 book when there is one,
/// else the top of book of the latest tick. <paramref name="Trusted"/> is false when the book is not (then the
/// levels must not be acted on). Timestamps are of the latest book change or tick, whichever is newer.
/// </summary>
public sealed record KalshiAsks(
    string Ticker,
    Side Side,
    IReadOnlyList<BookLevel> Levels,
    bool FromBook,
    bool Trusted,
    DateTime ExchangeTs,
    DateTime ReceivedAt);
