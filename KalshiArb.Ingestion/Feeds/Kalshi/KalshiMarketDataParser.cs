using System.Text.Json;
using KalshiArb.Ingestion.Model;
using static KalshiArb.Ingestion.Feeds.Kalshi.KalshiJsonFields;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>The market-data payloads: <c>ticker</c>, <c>trade</c>, <c>orderbook_snapshot</c> and <c>orderbook_delta</c>.</summary>
internal static class KalshiMarketDataParser
{
    internal static KalshiTick ParseTicker(JsonElement msg, DateTime receivedAt)
    {
        string ticker = RequiredString(msg, "market_ticker");
        decimal? bid = OptionalPrice(msg, "yes_bid_dollars", "yes_bid");
        decimal? ask = OptionalPrice(msg, "yes_ask_dollars", "yes_ask");

        // A YES bid of $0 or a YES ask of $1 is Kalshi's way of saying "nobody is there": no quote, not a price.
        return new KalshiTick(
            ticker,
            bid is 0m ? null : bid,
            ask is 1m ? null : ask,
            OptionalQuantity(msg, "yes_bid_size_fp", null, allowNegative: false),
            OptionalQuantity(msg, "yes_ask_size_fp", null, allowNegative: false),
            OptionalPrice(msg, "price_dollars", "price"),
            OptionalQuantity(msg, "volume_fp", "volume", allowNegative: false) ?? 0m,
            OptionalQuantity(msg, "open_interest_fp", "open_interest", allowNegative: false) ?? 0m,
            ExchangeTime(msg) ?? receivedAt,
            receivedAt);
    }

    internal static KalshiTrade ParseTrade(JsonElement msg, DateTime receivedAt)
    {
        string ticker = RequiredString(msg, "market_ticker");
        string tradeId = RequiredString(msg, "trade_id");
        decimal yes = OptionalPrice(msg, "yes_price_dollars", "yes_price") ?? throw new FormatException("yes_price_dollars is missing");
        decimal no = OptionalPrice(msg, "no_price_dollars", "no_price") ?? 1m - yes;
        decimal count = OptionalQuantity(msg, "count_fp", "count", allowNegative: false) ?? throw new FormatException("count_fp is missing");
        return new KalshiTrade(ticker, tradeId, yes, no, count, TakerSide(msg), ExchangeTime(msg) ?? receivedAt, receivedAt);
    }

    /// <summary>
    /// The taker's outcome side: <c>taker_outcome_side</c>, else <c>taker_book_side</c> (bid is yes, ask is no),
    /// else the deprecated <c>taker_side</c>; null when none is there.
    /// </summary>
    internal static Side? TakerSide(JsonElement msg)
    {
        if (OptionalString(msg, "taker_outcome_side") is { } outcome)
        {
            return ParseSide(outcome, "taker_outcome_side");
        }

        if (OptionalString(msg, "taker_book_side") is { } book)
        {
            return book switch
            {
                "bid" => Side.Yes,
                "ask" => Side.No,
                _ => throw new FormatException($"taker_book_side '{Truncate(book)}' is neither bid nor ask"),
            };
        }

        return OptionalString(msg, "taker_side") is { } legacy ? ParseSide(legacy, "taker_side") : null;
    }

    internal static BookSnapshot ParseSnapshot(JsonElement msg, long seq, DateTime receivedAt, bool noLevelsInYesPrice)
    {
        string ticker = RequiredString(msg, "market_ticker");
        IReadOnlyList<BookLevel> yes = ParseLevels(msg, "yes_dollars_fp", "yes_dollars", "yes", onYesLeg: false);
        IReadOnlyList<BookLevel> no = ParseLevels(msg, "no_dollars_fp", "no_dollars", "no", noLevelsInYesPrice);
        return new BookSnapshot(ticker, yes, no, seq, ExchangeTime(msg) ?? receivedAt, receivedAt);
    }

    internal static BookDelta ParseDelta(JsonElement msg, long seq, DateTime receivedAt, bool noLevelsInYesPrice)
    {
        string ticker = RequiredString(msg, "market_ticker");
        decimal price = OptionalPrice(msg, "price_dollars", "price") ?? throw new FormatException("price_dollars is missing");
        decimal delta = OptionalQuantity(msg, "delta_fp", "delta", allowNegative: true) ?? throw new FormatException("delta_fp is missing");
        Side side = ParseSide(OptionalString(msg, "side") ?? throw new FormatException("side is missing"), "side");
        decimal legPrice = side == Side.No && noLevelsInYesPrice ? 1m - price : price;
        return new BookDelta(ticker, side, legPrice, delta, seq, ExchangeTime(msg) ?? receivedAt, receivedAt);
    }

    /// <param name="onYesLeg">The levels are NO bids priced on the YES leg: each becomes 1 − price on the NO leg.</param>
    private static List<BookLevel> ParseLevels(JsonElement msg, string name, string alternativeName, string centsName, bool onYesLeg)
    {
        bool inCents = false;
        if (!msg.TryGetProperty(name, out JsonElement levels) && !msg.TryGetProperty(alternativeName, out levels))
        {
            if (!msg.TryGetProperty(centsName, out levels))
            {
                // Kalshi omits an empty side.
                return [];
            }

            inCents = true;
        }

        if (levels.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (levels.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{name} is not an array");
        }

        var result = new List<BookLevel>(levels.GetArrayLength());
        foreach (JsonElement level in levels.EnumerateArray())
        {
            if (level.ValueKind != JsonValueKind.Array || level.GetArrayLength() != 2)
            {
                throw new FormatException($"{name} has a level that is not a [price, size] pair");
            }

            decimal price = inCents ? Cents(level[0], centsName) : Price(level[0], name);
            decimal size = inCents ? Count(level[1], centsName, allowNegative: false) : Quantity(level[1], name, allowNegative: false);
            result.Add(new BookLevel(onYesLeg ? 1m - price : price, size));
        }

        return result;
    }

    internal static Side ParseSide(string value, string field) => value switch
    {
        "yes" => Side.Yes,
        "no" => Side.No,
        _ => throw new FormatException($"{field} '{value}' is neither yes nor no"),
    };
}
