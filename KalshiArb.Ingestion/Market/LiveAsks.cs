using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// What <see cref="MarketState.GetAsks"/> answers, read in place for the consumer thread: the levels are the book's
/// live ladder (or the tick's top of book in the caller's buffer), valid until the next change of that market.
/// <paramref name="Source"/> and <paramref name="Version"/> identify the levels: equal pairs mean equal levels, so a
/// walk remembered against them can be reused.
/// </summary>
internal readonly ref struct LiveAsks(
    ReadOnlySpan<BookLevel> levels, object source, long version, bool trusted, DateTime exchangeTs, DateTime receivedAt)
{
    public ReadOnlySpan<BookLevel> Levels { get; } = levels;

    public object Source { get; } = source;

    public long Version { get; } = version;

    public bool Trusted { get; } = trusted;

    public DateTime ExchangeTs { get; } = exchangeTs;

    public DateTime ReceivedAt { get; } = receivedAt;
}
