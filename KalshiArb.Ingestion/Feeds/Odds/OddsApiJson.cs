using System.Globalization;
using System.Text.Json;

namespace KalshiArb.Ingestion.Feeds.Odds;

/// <summary>Reads the fields of The Odds API's JSON: blank strings, non-numbers and unparsable times are missing (null).</summary>
internal static class OddsApiJson
{
    public static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;

    public static decimal? Decimal(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out decimal result)
            ? result
            : null;

    public static DateTime? Time(JsonElement element, string name) =>
        String(element, name) is { } text
        && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime time)
            ? time
            : null;

}
