using System.Globalization;
using System.Text.Json;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// Turns Kalshi WebSocket JSON into Model records. Pure: no I/O, no clock (the receive time is passed in).
/// Prices are <c>*_dollars</c> strings and must lie in [0, 1]; quantities are <c>*_fp</c> strings; both are
/// parsed as invariant-culture decimals. Anything else is rejected with a reason, never guessed.
/// </summary>
public static class KalshiMessageParser
{
    public const string TickerType = "ticker";
    public const string TradeType = "trade";
    public const string OrderBookSnapshotType = "orderbook_snapshot";
    public const string OrderBookDeltaType = "orderbook_delta";
    public const string LifecycleType = "market_lifecycle_v2";

    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public static KalshiParsedMessage Parse(ReadOnlyMemory<byte> utf8Json, DateTime receivedAt)
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
                return type switch
                {
                    TickerType or TradeType or OrderBookSnapshotType or OrderBookDeltaType or LifecycleType when !hasMsg =>
                        Reject(type, id, sid, seq, "message has no msg object"),
                    TickerType => Data(type, id, sid, seq, ParseTicker(msg, receivedAt)),
                    TradeType => Data(type, id, sid, seq, ParseTrade(msg, receivedAt)),
                    OrderBookSnapshotType => seq is { } snapshotSeq
                        ? Data(type, id, sid, seq, ParseSnapshot(msg, snapshotSeq, receivedAt))
                        : Reject(type, id, sid, seq, "order book message without seq"),
                    OrderBookDeltaType => seq is { } deltaSeq
                        ? Data(type, id, sid, seq, ParseDelta(msg, deltaSeq, receivedAt))
                        : Reject(type, id, sid, seq, "order book message without seq"),
                    LifecycleType => ParseLifecycle(type, id, sid, seq, msg, receivedAt),
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
                    "ok" or "unsubscribed" or "list_subscriptions" or "event_lifecycle" =>
                        new KalshiParsedMessage(KalshiMessageKind.Acknowledged, type, id, sid, seq, null, null, null, []),
                    _ => new KalshiParsedMessage(KalshiMessageKind.Unknown, type, id, sid, seq, null, null, $"unknown message type '{type}'", []),
                };
            }
            catch (FormatException ex)
            {
                return Reject(type, id, sid, seq, ex.Message);
            }
        }
    }

    private static KalshiTick ParseTicker(JsonElement msg, DateTime receivedAt)
    {
        string ticker = RequiredString(msg, "market_ticker");
        decimal? bid = OptionalPrice(msg, "yes_bid_dollars");
        decimal? ask = OptionalPrice(msg, "yes_ask_dollars");

        // A YES bid of $0 or a YES ask of $1 is Kalshi's way of saying "nobody is there": no quote, not a price.
        return new KalshiTick(
            ticker,
            bid is 0m ? null : bid,
            ask is 1m ? null : ask,
            OptionalQuantity(msg, "yes_bid_size_fp", allowNegative: false),
            OptionalQuantity(msg, "yes_ask_size_fp", allowNegative: false),
            OptionalPrice(msg, "price_dollars"),
            OptionalQuantity(msg, "volume_fp", allowNegative: false) ?? 0m,
            OptionalQuantity(msg, "open_interest_fp", allowNegative: false) ?? 0m,
            ExchangeTime(msg) ?? receivedAt,
            receivedAt);
    }

    private static KalshiTrade ParseTrade(JsonElement msg, DateTime receivedAt)
    {
        string ticker = RequiredString(msg, "market_ticker");
        string tradeId = RequiredString(msg, "trade_id");
        decimal yes = OptionalPrice(msg, "yes_price_dollars") ?? throw new FormatException("yes_price_dollars is missing");
        decimal no = OptionalPrice(msg, "no_price_dollars") ?? 1m - yes;
        decimal count = OptionalQuantity(msg, "count_fp", allowNegative: false) ?? throw new FormatException("count_fp is missing");
        Side taker = ParseSide(OptionalString(msg, "taker_side") ?? throw new FormatException("taker_side is missing"), "taker_side");
        return new KalshiTrade(ticker, tradeId, yes, no, count, taker, ExchangeTime(msg) ?? receivedAt, receivedAt);
    }

    private static BookSnapshot ParseSnapshot(JsonElement msg, long seq, DateTime receivedAt)
    {
        string ticker = RequiredString(msg, "market_ticker");
        IReadOnlyList<BookLevel> yes = ParseLevels(msg, "yes_dollars_fp", "yes_dollars");
        IReadOnlyList<BookLevel> no = ParseLevels(msg, "no_dollars_fp", "no_dollars");
        return new BookSnapshot(ticker, yes, no, seq, ExchangeTime(msg) ?? receivedAt, receivedAt);
    }

    private static BookDelta ParseDelta(JsonElement msg, long seq, DateTime receivedAt)
    {
        string ticker = RequiredString(msg, "market_ticker");
        decimal price = OptionalPrice(msg, "price_dollars") ?? throw new FormatException("price_dollars is missing");
        decimal delta = OptionalQuantity(msg, "delta_fp", allowNegative: true) ?? throw new FormatException("delta_fp is missing");
        Side side = ParseSide(OptionalString(msg, "side") ?? throw new FormatException("side is missing"), "side");
        return new BookDelta(ticker, side, price, delta, seq, ExchangeTime(msg) ?? receivedAt, receivedAt);
    }

    private static KalshiParsedMessage ParseLifecycle(string type, long? id, long? sid, long? seq, JsonElement msg, DateTime receivedAt)
    {
        string ticker = RequiredString(msg, "market_ticker");
        string eventType = OptionalString(msg, "event_type") ?? throw new FormatException("event_type is missing");

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
        if (status is null)
        {
            // close_date_updated, metadata_updated, price level changes: no status change.
            return new KalshiParsedMessage(KalshiMessageKind.Acknowledged, type, id, sid, seq, null, null, null, []);
        }

        SettlementResult? result = eventType is "determined" or "settled" ? LifecycleResult(msg) : null;

        // A determination or settlement carries its own time (Unix seconds); it dates the settlement record.
        DateTime? stated = eventType switch
        {
            "determined" => OptionalLong(msg, "determination_ts") is { } determined ? FromUnix(determined, 1000) : null,
            "settled" => OptionalLong(msg, "settled_ts") is { } settled ? FromUnix(settled, 1000) : null,
            _ => null,
        };
        return Data(type, id, sid, seq, new MarketStatusChanged(ticker, status, ExchangeTime(msg) ?? stated ?? receivedAt, receivedAt, result));
    }

    /// <summary>
    /// The market's result on a determination or settlement: <c>result</c>, or <c>settlement_result</c> where that
    /// name is used. A value that is not yes/no/void leaves the status change without a result.
    /// </summary>
    private static SettlementResult? LifecycleResult(JsonElement msg) =>
        KalshiMarketResult.Parse(OptionalString(msg, "result") ?? OptionalString(msg, "settlement_result"));

    private static List<BookLevel> ParseLevels(JsonElement msg, string name, string alternativeName)
    {
        if (!msg.TryGetProperty(name, out JsonElement levels) && !msg.TryGetProperty(alternativeName, out levels))
        {
            // Kalshi omits an empty side.
            return [];
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

            decimal price = Price(level[0], name);
            decimal size = Quantity(level[1], name, allowNegative: false);
            result.Add(new BookLevel(price, size));
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

    private static decimal? OptionalPrice(JsonElement msg, string name) =>
        msg.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? Price(value, name) : null;

    private static decimal? OptionalQuantity(JsonElement msg, string name, bool allowNegative) =>
        msg.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null
            ? Quantity(value, name, allowNegative)
            : null;

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

    private static KalshiParsedMessage Data(string type, long? id, long? sid, long? seq, MarketEvent marketEvent) =>
        new(KalshiMessageKind.Data, type, id, sid, seq, null, null, null, [marketEvent]);

    private static KalshiParsedMessage Reject(string? type, long? id, long? sid, long? seq, string reason) =>
        new(KalshiMessageKind.Malformed, type, id, sid, seq, null, null, reason, []);
}
