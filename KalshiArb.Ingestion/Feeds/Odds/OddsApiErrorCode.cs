using System.Text.Json;

namespace KalshiArb.Ingestion.Feeds.Odds;

/// <summary>
/// The <c>error_code</c> of an error body (<c>{"message": .., "error_code": ..}</c>) and what it means for polling.
/// The codes are those of The Odds API's error-code page; see docs/venues.md. Pure.
/// </summary>
internal static class OddsApiErrorCode
{
    public const string OutOfUsageCredits = "OUT_OF_USAGE_CREDITS";

    /// <summary>The body's <c>error_code</c>, or null when the body is not such an object.</summary>
    public static string? Read(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("error_code", out JsonElement code)
                   && code.ValueKind == JsonValueKind.String
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// True for the codes that say the key itself will not work (missing, invalid, deactivated): polling again
    /// cannot succeed until someone changes the key. Every other refusal passes with time.
    /// </summary>
    public static bool IsBadKey(string? code) => code is "MISSING_KEY" or "INVALID_KEY" or "DEACTIVATED_KEY";
}
