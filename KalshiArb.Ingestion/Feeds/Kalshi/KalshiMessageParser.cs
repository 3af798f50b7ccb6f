using System.Globalization;
using System.Text.Json;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Validation;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// Turns Kalshi WebSocket JSON into Model records. Pure: no I/O, no clock (the receive time is passed in).
/// Prices are <c>*_dollars</c> strings (up to 6 decimals) and must lie in [0, 1]; quantities are <c>*_fp</c>
/// strings that may be fractional; both are parsed as invariant-culture decimals, so deltas add up exactly. The
/// retired integer-cent fields (<c>price</c>, <c>delta</c>, <c>yes</c>/<c>no</c> levels, ...) are read only when
/// the fixed-point field is absent. Anything else is rejected with a reason, never guessed.
/// </summary>
/// <remarks>
/// NO levels of the order book come priced on the NO leg, or on the YES leg when the subscription asked for
/// <c>use_yes_price</c>; the caller says which, and the Model always gets NO bids priced on the NO leg.
/// </remarks>
public static class KalshiMessageParser
{
    public const string TickerType = "ticker";
    public const string TradeType = "trade";
    public const string OrderBookSnapshotType = "orderbook_snapshot";
    public const string OrderBookDeltaType = "orderbook_delta";
    public const string LifecycleType = "market_lifecycle_v2";
    public const string EventLifecycleType = "event_lifecycle";
    public const string EventFeeUpdateType = "event_fee_update";

    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    private const string LoneSurrogate = "a text field holds a lone UTF-16 surrogate, which cannot be stored faithfully";

    private static readonly IngestionLimits DefaultLimits = new();

    /// <param name="noLevelsInYesPrice">
    /// True when the order-book subscription was made with <c>use_yes_price: true</c>: NO levels then carry the
    /// YES-leg price of the same order (1 − the NO price).
    /// </param>
    /// <param name="limits">
    /// The domain of what may be stored (<see cref="MarketEventCheck"/>): an event outside it rejects the message with
    /// the reason. Null takes the defaults.
    /// </param>
    public static KalshiParsedMessage Parse(ReadOnlyMemory<byte> utf8Json, DateTime receivedAt, bool noLevelsInYesPrice = false, IngestionLimits? limits = null)
    {
        // JsonDocument accepts invalid UTF-8 inside strings and only fails when a string is read, which would
        // escape as InvalidOperationException: reject such bytes up front as a counted parse error.
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json.Span))
        {
            return Reject(null, null, null, null, "message is not valid UTF-8");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json);
        }
        catch (JsonException ex)
        {
            return Reject(null, null, null, null, $"invalid JSON: {ex.Message}");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Reject(null, null, null, null, "message is not a JSON object");
            }

            string? type = root.TryGetProperty("type", out JsonElement typeElement) && typeElement.ValueKind == JsonValueKind.String
                ? typeElement.GetString()
                : null;
            long? id = OptionalLong(root, "id");
            long? sid = OptionalLong(root, "sid");
            long? seq = OptionalLong(root, "seq");
            if (type is null)
            {
                return Reject(null, id, sid, seq, "message has no type");
            }

            bool hasMsg = root.TryGetProperty("msg", out JsonElement msg) && msg.ValueKind == JsonValueKind.Object;
            try
            {
                return Checked(limits ?? DefaultLimits, type switch
                {
                    TickerType or TradeType or OrderBookSnapshotType or OrderBookDeltaType or LifecycleType or EventFeeUpdateType when !hasMsg =>
                        Reject(type, id, sid, seq, "message has no msg object"),
                    TickerType => Data(type, id, sid, seq, ParseTicker(msg, receivedAt)),
                    TradeType => Data(type, id, sid, seq, ParseTrade(msg, receivedAt)),
                    OrderBookSnapshotType => seq is { } snapshotSeq
                        ? Data(type, id, sid, seq, ParseSnapshot(msg, snapshotSeq, receivedAt, noLevelsInYesPrice))
                        : Reject(type, id, sid, seq, "order book message without seq"),
                    OrderBookDeltaType => seq is { } deltaSeq
                        ? Data(type, id, sid, seq, ParseDelta(msg, deltaSeq, receivedAt, noLevelsInYesPrice))
                        : Reject(type, id, sid, seq, "order book message without seq"),
                    LifecycleType => ParseLifecycle(type, id, sid, seq, msg, receivedAt),
                    EventFeeUpdateType => Data(type, id, sid, seq, ParseFeeUpdate(msg, receivedAt)),
                    "subscribed" => new KalshiParsedMessage(
                        KalshiMessageKind.Subscribed,
                        type,
                        id,
                        hasMsg ? OptionalLong(msg, "sid") ?? sid : sid,
                        seq,
                        hasMsg ? OptionalString(msg, "channel") : null,
                        null,
                        null,
                        []),
                    "error" => new KalshiParsedMessage(
                        KalshiMessageKind.Error,
                        type,
                        id,
                        sid,
                        seq,
                        null,
                        hasMsg ? (int?)OptionalLong(msg, "code") : null,
                        hasMsg ? OptionalString(msg, "msg") : null,
                        []),

                    // Acks of unsubscribe/update_subscription, and event creation notices the mapping does not need.
                    "ok" or "unsubscribed" or "list_subscriptions" or EventLifecycleType =>
                        new KalshiParsedMessage(KalshiMessageKind.Acknowledged, type, id, sid, seq, null, null, null, []),
                    _ => new KalshiParsedMessage(KalshiMessageKind.Unknown, type, id, sid, seq, null, null, $"unknown message type '{type}'", []),
                });
            }
            catch (FormatException ex)
            {
                return Reject(type, id, sid, seq, ex.Message);
            }
            catch (InvalidOperationException)
            {
                // System.Text.Json refuses to read a string escaping a lone surrogate (\ud800).
                return Reject(type, id, sid, seq, LoneSurrogate);
            }
        }
    }

    private static KalshiTick ParseTicker(JsonElement msg, DateTime receivedAt)
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

    private static KalshiTrade ParseTrade(JsonElement msg, DateTime receivedAt)
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
    private static Side? TakerSide(JsonElement msg)
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

    private static BookSnapshot ParseSnapshot(JsonElement msg, long seq, DateTime receivedAt, bool noLevelsInYesPrice)
    {
        string ticker = RequiredString(msg, "market_ticker");
        IReadOnlyList<BookLevel> yes = ParseLevels(msg, "yes_dollars_fp", "yes_dollars", "yes", onYesLeg: false);
        IReadOnlyList<BookLevel> no = ParseLevels(msg, "no_dollars_fp", "no_dollars", "no", noLevelsInYesPrice);
        return new BookSnapshot(ticker, yes, no, seq, ExchangeTime(msg) ?? receivedAt, receivedAt);
    }

    private static BookDelta ParseDelta(JsonElement msg, long seq, DateTime receivedAt, bool noLevelsInYesPrice)
    {
        string ticker = RequiredString(msg, "market_ticker");
        decimal price = OptionalPrice(msg, "price_dollars", "price") ?? throw new FormatException("price_dollars is missing");
        decimal delta = OptionalQuantity(msg, "delta_fp", "delta", allowNegative: true) ?? throw new FormatException("delta_fp is missing");
        Side side = ParseSide(OptionalString(msg, "side") ?? throw new FormatException("side is missing"), "side");
        decimal legPrice = side == Side.No && noLevelsInYesPrice ? 1m - price : price;
        return new BookDelta(ticker, side, legPrice, delta, seq, ExchangeTime(msg) ?? receivedAt, receivedAt);
    }

    /// <summary>
    /// An event-level fee override set or cleared. A fee type this product cannot price is rejected rather than
    /// guessed: pricing it as something else could invent an edge.
    /// </summary>
    private static EventFeeOverrideChanged ParseFeeUpdate(JsonElement msg, DateTime receivedAt)
    {
        string eventTicker = RequiredString(msg, "event_ticker");
        string? typeName = OptionalString(msg, "fee_type_override");
        KalshiFeeType? type = typeName is null
            ? null
            : KalshiFeeTypeName.Parse(typeName) ?? throw new FormatException($"fee_type_override '{Truncate(typeName)}' is not a fee type this product prices");
        decimal? multiplier = null;
        if (msg.TryGetProperty("fee_multiplier_override", out JsonElement value) && value.ValueKind != JsonValueKind.Null)
        {
            multiplier = value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out decimal number) && number >= 0m
                ? number
                : throw new FormatException("fee_multiplier_override is not a non-negative number");
        }

        return new EventFeeOverrideChanged(eventTicker, type, multiplier, ExchangeTime(msg) ?? receivedAt, receivedAt);
    }

    private static KalshiParsedMessage ParseLifecycle(string type, long? id, long? sid, long? seq, JsonElement msg, DateTime receivedAt)
    {
        string ticker = RequiredString(msg, "market_ticker");
        string eventType = OptionalString(msg, "event_type") ?? throw new FormatException("event_type is missing");

        DateTime? closeTime = OptionalLong(msg, "close_ts") is { } close ? FromUnix(close, 1000) : null;

        // Lifecycle events name transitions; the Model speaks in the REST API's statuses.
        string? status = eventType switch
        {
            "created" => "initialized",
            "activated" => "active",
            "deactivated" => "inactive",
            "determined" => "determined",
            "settled" => "finalized",
            _ => null,
        };
        switch (eventType)
        {
            case "close_date_updated":
                return closeTime is { } moved
                    ? Data(type, id, sid, seq, new MarketCloseTimeChanged(ticker, moved, ExchangeTime(msg) ?? receivedAt, receivedAt))
                    : Reject(type, id, sid, seq, "close_date_updated without close_ts");
            case "metadata_updated" or "price_level_structure_updated":
                // Titles, strikes and the price grid: nothing the order book or the tradability depends on.
                return new KalshiParsedMessage(KalshiMessageKind.Acknowledged, type, id, sid, seq, null, null, null, []);
            case not null when status is null:
                return new KalshiParsedMessage(KalshiMessageKind.Unknown, $"{type}/{eventType}", id, sid, seq, null, null, $"unknown lifecycle event '{Truncate(eventType)}'", []);
        }

        SettlementResult? result = eventType is "determined" or "settled" ? LifecycleResult(msg) : null;

        // A determination or settlement carries its own time (Unix seconds); it dates the settlement record.
        DateTime? stated = eventType switch
        {
            "determined" => OptionalLong(msg, "determination_ts") is { } determined ? FromUnix(determined, 1000) : null,
            "settled" => OptionalLong(msg, "settled_ts") is { } settled ? FromUnix(settled, 1000) : null,
            _ => null,
        };
        return Data(type, id, sid, seq, new MarketStatusChanged(ticker, status!, ExchangeTime(msg) ?? stated ?? receivedAt, receivedAt, result, closeTime));
    }

    /// <summary>
    /// The market's result on a determination or settlement: <c>result</c>, or <c>settlement_result</c> where that
    /// name is used. A value that is not yes/no/void leaves the status change without a result.
    /// </summary>
    private static SettlementResult? LifecycleResult(JsonElement msg) =>
        KalshiMarketResult.Parse(OptionalString(msg, "result") ?? OptionalString(msg, "settlement_result"));

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

    private static Side ParseSide(string value, string field) => value switch
    {
        "yes" => Side.Yes,
        "no" => Side.No,
        _ => throw new FormatException($"{field} '{value}' is neither yes nor no"),
    };

    /// <summary><c>ts_ms</c> (Unix ms) when present, else <c>ts</c> (Unix seconds), as UTC.</summary>
    private static DateTime? ExchangeTime(JsonElement msg)
    {
        if (OptionalLong(msg, "ts_ms") is { } ms)
        {
            return FromUnix(ms, 1);
        }

        return OptionalLong(msg, "ts") is { } seconds ? FromUnix(seconds, 1000) : null;
    }

    private static DateTime FromUnix(long value, long toMilliseconds)
    {
        try
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(checked(value * toMilliseconds)).UtcDateTime;
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or OverflowException)
        {
            throw new FormatException($"timestamp {value} is out of range");
        }
    }

    private static decimal? OptionalPrice(JsonElement msg, string name, string? centsName = null)
    {
        if (msg.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null)
        {
            return Price(value, name);
        }

        return centsName is not null && msg.TryGetProperty(centsName, out JsonElement cents) && cents.ValueKind != JsonValueKind.Null
            ? Cents(cents, centsName)
            : null;
    }

    private static decimal? OptionalQuantity(JsonElement msg, string name, string? countName, bool allowNegative)
    {
        if (msg.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null)
        {
            return Quantity(value, name, allowNegative);
        }

        return countName is not null && msg.TryGetProperty(countName, out JsonElement count) && count.ValueKind != JsonValueKind.Null
            ? Count(count, countName, allowNegative)
            : null;
    }

    /// <summary>A retired integer-cent price (0 to 100) in dollars.</summary>
    private static decimal Cents(JsonElement value, string name)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long cents) || cents is < 0 or > 100)
        {
            throw new FormatException($"{name} is not a whole number of cents in [0, 100]");
        }

        return cents / 100m;
    }

    /// <summary>A retired whole-contract count.</summary>
    private static decimal Count(JsonElement value, string name, bool allowNegative)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long count) || (!allowNegative && count < 0))
        {
            throw new FormatException($"{name} is not a whole{(allowNegative ? "" : " non-negative")} number of contracts");
        }

        return count;
    }

    private static decimal Price(JsonElement value, string name)
    {
        decimal price = DecimalString(value, name);
        if (price is < 0m or > 1m)
        {
            throw new FormatException($"{name} {price.ToString(CultureInfo.InvariantCulture)} is outside [0, 1]");
        }

        return price;
    }

    private static decimal Quantity(JsonElement value, string name, bool allowNegative)
    {
        decimal quantity = DecimalString(value, name);
        if (!allowNegative && quantity < 0m)
        {
            throw new FormatException($"{name} {quantity.ToString(CultureInfo.InvariantCulture)} is negative");
        }

        return quantity;
    }

    private static decimal DecimalString(JsonElement value, string name)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"{name} is not a decimal string");
        }

        string text = value.GetString()!;
        if (!decimal.TryParse(text, DecimalStyle, CultureInfo.InvariantCulture, out decimal result))
        {
            throw new FormatException($"{name} '{Truncate(text)}' is not a decimal");
        }

        return result;
    }

    private static string RequiredString(JsonElement msg, string name)
    {
        string? value = OptionalString(msg, name);
        return string.IsNullOrWhiteSpace(value) ? throw new FormatException($"{name} is missing") : value;
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? OptionalLong(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long result)
            ? result
            : null;

    private static string Truncate(string text) => text.Length <= 32 ? text : text[..32] + "...";

    /// <summary>A message whose event may not be stored becomes a rejection with the reason; the rest pass unchanged.</summary>
    private static KalshiParsedMessage Checked(IngestionLimits limits, KalshiParsedMessage message)
    {
        foreach (MarketEvent marketEvent in message.Events)
        {
            if (MarketEventCheck.Problem(marketEvent, limits) is { } problem)
            {
                return Reject(message.Type, message.CommandId, message.Sid, message.Seq, problem);
            }
        }

        return message;
    }

    private static KalshiParsedMessage Data(string type, long? id, long? sid, long? seq, MarketEvent marketEvent) =>
        new(KalshiMessageKind.Data, type, id, sid, seq, null, null, null, [marketEvent]);

    private static KalshiParsedMessage Reject(string? type, long? id, long? sid, long? seq, string reason) =>
        new(KalshiMessageKind.Malformed, type, id, sid, seq, null, null, reason, []);
}
