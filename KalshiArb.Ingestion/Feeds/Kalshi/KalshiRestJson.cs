using System.Globalization;
using System.Text.Json;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>Reads the REST API's series and market objects. Pure; an object without its identity is skipped (null).</summary>
public static class KalshiRestJson
{
    public static KalshiSeriesInfo? ParseSeries(JsonElement series)
    {
        string? ticker = String(series, "ticker");
        if (string.IsNullOrWhiteSpace(ticker))
        {
            return null;
        }

        return new KalshiSeriesInfo(ticker, String(series, "title") ?? ticker, String(series, "fee_type"), Decimal(series, "fee_multiplier") ?? 1m);
    }

    /// <summary>One entry of <c>series_fee_change_arr</c>; null when it lacks a field or names a fee type this product cannot price.</summary>
    public static ScheduledFeeChange? ParseFeeChange(JsonElement change)
    {
        string? series = String(change, "series_ticker");
        KalshiFeeType? type = KalshiFeeTypeName.Parse(String(change, "fee_type"));
        decimal? multiplier = Decimal(change, "fee_multiplier");
        DateTime? at = Time(change, "scheduled_ts");
        return string.IsNullOrWhiteSpace(series) || type is null || multiplier is not >= 0m || at is null
            ? null
            : new ScheduledFeeChange(series, type.Value, multiplier.Value, at.Value);
    }

    /// <param name="seriesTicker">The series asked for: market objects do not always repeat it.</param>
    public static KalshiMarketInfo? ParseMarket(JsonElement market, string seriesTicker)
    {
        string? ticker = String(market, "ticker");
        string? eventTicker = String(market, "event_ticker");
        if (string.IsNullOrWhiteSpace(ticker) || string.IsNullOrWhiteSpace(eventTicker))
        {
            return null;
        }

        DateTime? closeTime = Time(market, "close_time");
        return new KalshiMarketInfo(
            ticker,
            eventTicker,
            String(market, "series_ticker") ?? seriesTicker,
            String(market, "title") ?? ticker,
            String(market, "yes_sub_title"),
            String(market, "status") ?? "unknown",
            closeTime,
            String(market, "rules_primary"),
            TickSize(market),
            KalshiMarketResult.Parse(String(market, "result")));
    }

    /// <summary>
    /// The finest price step of the market: legacy <c>tick_size</c> is in cents; otherwise the
    /// <c>price_level_structure</c> names the grid (tapered grids reach $0.001 near the extremes).
    /// </summary>
    private static decimal TickSize(JsonElement market)
    {
        if (market.TryGetProperty("tick_size", out JsonElement tick) && tick.ValueKind == JsonValueKind.Number
            && tick.TryGetDecimal(out decimal cents) && cents > 0)
        {
            return cents / 100m;
        }

        return String(market, "price_level_structure") switch
        {
            "deci_cent" or "tapered_deci_cent" => 0.001m,
            _ => 0.01m,
        };
    }

    private static DateTime? Time(JsonElement element, string name) =>
        String(element, name) is { } text
        && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime parsed)
            ? parsed
            : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static decimal? Decimal(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDecimal(out decimal number) => number,
            JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out decimal text) => text,
            _ => null,
        };
    }
}
