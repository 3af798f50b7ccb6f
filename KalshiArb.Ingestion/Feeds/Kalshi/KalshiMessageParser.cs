using System.Text.Json;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Validation;
using static KalshiArb.Ingestion.Feeds.Kalshi.KalshiJsonFields;

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
internal static class KalshiMessageParser
{
    public const string TickerType = "ticker";
    public const string TradeType = "trade";
    public const string OrderBookSnapshotType = "orderbook_snapshot";
    public const string OrderBookDeltaType = "orderbook_delta";
    public const string LifecycleType = "market_lifecycle_v2";
    public const string EventLifecycleType = "event_lifecycle";
    public const string EventFeeUpdateType = "event_fee_update";

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
                    TickerType => Data(type, id, sid, seq, KalshiMarketDataParser.ParseTicker(msg, receivedAt)),
                    TradeType => Data(type, id, sid, seq, KalshiMarketDataParser.ParseTrade(msg, receivedAt)),
                    OrderBookSnapshotType => seq is { } snapshotSeq
                        ? Data(type, id, sid, seq, KalshiMarketDataParser.ParseSnapshot(msg, snapshotSeq, receivedAt, noLevelsInYesPrice))
                        : Reject(type, id, sid, seq, "order book message without seq"),
                    OrderBookDeltaType => seq is { } deltaSeq
                        ? Data(type, id, sid, seq, KalshiMarketDataParser.ParseDelta(msg, deltaSeq, receivedAt, noLevelsInYesPrice))
                        : Reject(type, id, sid, seq, "order book message without seq"),
                    LifecycleType => KalshiLifecycleParser.ParseLifecycle(type, id, sid, seq, msg, receivedAt),
                    EventFeeUpdateType => Data(type, id, sid, seq, KalshiLifecycleParser.ParseFeeUpdate(msg, receivedAt)),
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

    internal static KalshiParsedMessage Data(string type, long? id, long? sid, long? seq, MarketEvent marketEvent) =>
        new(KalshiMessageKind.Data, type, id, sid, seq, null, null, null, [marketEvent]);

    internal static KalshiParsedMessage Reject(string? type, long? id, long? sid, long? seq, string reason) =>
        new(KalshiMessageKind.Malformed, type, id, sid, seq, null, null, reason, []);
}
