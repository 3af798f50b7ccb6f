using System.Globalization;
using System.Text.Json;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>Reads the REST API's series and market objects. Pure; an object without its identity is skipped (null).</summary>
internal static class KalshiRestJson
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
            Grid(market),
            KalshiMarketResult.Parse(String(market, "result")),
            String(market, "strike_type"),
            Decimal(market, "floor_strike"),
            Decimal(market, "cap_strike"));
    }

    /// <summary>
    /// The market's price grid: <c>price_ranges</c> (start, end, step in dollars) when given, else the published grid of
    /// its <c>price_level_structure</c>, else a legacy <c>tick_size</c> in cents; null when none of them says.
    /// </summary>
    private static PriceGrid? Grid(JsonElement market)
    {
        string? structure = String(market, "price_level_structure");
        if (market.TryGetProperty("price_ranges", out JsonElement ranges) && ranges.ValueKind == JsonValueKind.Array && ranges.GetArrayLength() > 0)
        {
            var parsed = new List<PriceRange>();
            foreach (JsonElement range in ranges.EnumerateArray())
            {
                if (Decimal(range, "start") is not { } start || Decimal(range, "end") is not { } end || Decimal(range, "step") is not { } step || step <= 0m || end <= start)
                {
                    return PriceGrid.ForStructure(structure);
                }

                parsed.Add(new PriceRange(start, end, step));
            }

            return new PriceGrid(structure ?? "price_ranges", parsed);
        }

        if (PriceGrid.ForStructure(structure) is { } known)
        {
            return known;
        }

        return market.TryGetProperty("tick_size", out JsonElement tick) && tick.ValueKind == JsonValueKind.Number
            && tick.TryGetDecimal(out decimal cents) && cents > 0
            ? new PriceGrid("tick_size", [new PriceRange(0m, 1m, cents / 100m)])
            : null;
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
