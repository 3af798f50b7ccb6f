using System.Text.Json;
using KalshiArb.Ingestion.Model;
using static KalshiArb.Ingestion.Feeds.Kalshi.KalshiJsonFields;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>The <c>market_lifecycle_v2</c> channel's payloads: market lifecycle events and event fee overrides.</summary>
internal static class KalshiLifecycleParser
{
    /// <summary>
    /// An event-level fee override set or cleared. A fee type this product cannot price is rejected rather than
    /// guessed: pricing it as something else could invent an edge.
    /// </summary>
    internal static EventFeeOverrideChanged ParseFeeUpdate(JsonElement msg, DateTime receivedAt)
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

    internal static KalshiParsedMessage ParseLifecycle(string type, long? id, long? sid, long? seq, JsonElement msg, DateTime receivedAt)
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
                    ? KalshiMessageParser.Data(type, id, sid, seq, new MarketCloseTimeChanged(ticker, moved, ExchangeTime(msg) ?? receivedAt, receivedAt))
                    : KalshiMessageParser.Reject(type, id, sid, seq, "close_date_updated without close_ts");
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
        return KalshiMessageParser.Data(type, id, sid, seq, new MarketStatusChanged(ticker, status!, ExchangeTime(msg) ?? stated ?? receivedAt, receivedAt, result, closeTime));
    }

    /// <summary>
    /// The market's result on a determination or settlement: <c>result</c>, or <c>settlement_result</c> where that
    /// name is used. A value that is not yes/no/void leaves the status change without a result.
    /// </summary>
    internal static SettlementResult? LifecycleResult(JsonElement msg) =>
        KalshiMarketResult.Parse(OptionalString(msg, "result") ?? OptionalString(msg, "settlement_result"));
}
