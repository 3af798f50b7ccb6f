using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// Whether two events re-price the same mappings, so that a run of them can be priced once, on the state after the
/// last: sportsbook quotes of one game (a poll delivers every book's outcomes of a game together), or Kalshi book and
/// tick updates of one market. Anything else is priced on its own.
/// </summary>
public static class PricingScope
{
    public static bool Same(MarketEvent first, MarketEvent next) => (first, next) switch
    {
        (SportsbookQuote a, SportsbookQuote b) => string.Equals(a.EventId, b.EventId, StringComparison.Ordinal),
        _ when KalshiTickerOf(first) is { } a && KalshiTickerOf(next) is { } b => string.Equals(a, b, StringComparison.Ordinal),
        _ => false,
    };

    private static string? KalshiTickerOf(MarketEvent marketEvent) => marketEvent switch
    {
        KalshiTick tick => tick.Ticker,
        BookDelta delta => delta.Ticker,
        BookSnapshot snapshot => snapshot.Ticker,
        _ => null,
    };
}
