using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Validation;

/// <summary>
/// The last check a feed event passes before it enters the pipeline (and so the history): its venue time within the
/// window around its receive time, its text storable, its prices and sizes numbers a DOUBLE column returns exactly.
/// The parsers turn a problem into a counted, logged rejection of the message or line.
/// </summary>
internal static class MarketEventCheck
{
    /// <summary>Null when <paramref name="marketEvent"/> may be stored; otherwise the first reason it may not.</summary>
    public static string? Problem(MarketEvent marketEvent, IngestionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        ArgumentNullException.ThrowIfNull(limits);
        return StorableTime.OutsideWindow(marketEvent.ExchangeTs, marketEvent.ReceivedAt, limits) ?? marketEvent switch
        {
            KalshiTick t => Text("market_ticker", t.Ticker, limits)
                ?? Price("yes_bid", t.YesBid) ?? Price("yes_ask", t.YesAsk) ?? Price("price", t.LastPrice)
                ?? Size("yes_bid_size", t.YesBidSize) ?? Size("yes_ask_size", t.YesAskSize)
                ?? Size("volume", t.Volume) ?? Size("open_interest", t.OpenInterest),
            KalshiTrade t => Text("market_ticker", t.Ticker, limits) ?? Text("trade_id", t.TradeId, limits)
                ?? Price("yes_price", t.YesPrice) ?? Price("no_price", t.NoPrice) ?? Size("count", t.Count),
            BookDelta d => Text("market_ticker", d.Ticker, limits) ?? Price("price", d.Price) ?? Size("delta", d.Delta),
            BookSnapshot s => Text("market_ticker", s.Ticker, limits) ?? Levels("yes", s.YesBids) ?? Levels("no", s.NoBids),
            MarketStatusChanged m => Text("market_ticker", m.Ticker, limits),
            SportsbookQuote q => Text("id", q.EventId, limits) ?? Text("sport_key", q.SportKey, limits) ?? Text("bookmaker", q.Book, limits)
                ?? Text("market", q.MarketType, limits) ?? Text("outcome", q.Outcome, limits) ?? Point(q.Point),
            _ => null,
        };
    }

    /// <summary>Null when every text of a sports event is storable; otherwise the first reason it is not.</summary>
    public static string? Problem(SportsEvent sportsEvent, IngestionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(sportsEvent);
        return Text("id", sportsEvent.EventId, limits) ?? Text("sport_key", sportsEvent.SportKey, limits)
            ?? Text("home_team", sportsEvent.HomeTeam, limits) ?? Text("away_team", sportsEvent.AwayTeam, limits);
    }

    private static string? Text(string field, string value, IngestionLimits limits) =>
        StorableText.Problem(value, limits.MaxTextLength) is { } problem ? $"{field} {problem}" : null;

    private static string? Price(string field, decimal? value) =>
        value is { } v && StorableNumber.Problem(v, 0m, 1m) is { } problem ? $"{field} {problem}" : null;

    /// <summary>Sizes may be signed (a delta) and fractional (Kalshi's <c>_fp</c> fields).</summary>
    private static string? Size(string field, decimal? value) =>
        value is { } v && StorableNumber.Problem(v, -StorableNumber.Ceiling, StorableNumber.Ceiling) is { } problem ? $"{field} {problem}" : null;

    private static string? Point(decimal? value) =>
        value is { } v && StorableNumber.Problem(v, -10_000m, 10_000m) is { } problem ? $"point {problem}" : null;

    private static string? Levels(string side, IReadOnlyList<BookLevel> levels)
    {
        foreach (BookLevel level in levels)
        {
            if ((Price($"{side} level price", level.Price) ?? Size($"{side} level size", level.Size)) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }
}
