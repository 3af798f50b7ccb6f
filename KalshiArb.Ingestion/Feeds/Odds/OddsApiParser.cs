using System.Text.Json;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using KalshiArb.Ingestion.Validation;

namespace KalshiArb.Ingestion.Feeds.Odds;

/// <summary>
/// Parses The Odds API v4 <c>/odds</c> response (events → bookmakers → markets → outcomes, American odds) into
/// events and quotes: the events here, each bookmaker by <see cref="OddsApiBookmakerParser"/>, each line devigged by
/// <see cref="OddsApiLine"/>. An event that may not be stored (<see cref="MarketEventCheck"/>) is skipped with the
/// reason in <see cref="OddsApiParseResult.Errors"/>. Pure.
/// </summary>
internal static class OddsApiParser
{
    private const string LoneSurrogate = "a text field holds a lone UTF-16 surrogate, which cannot be stored faithfully";

    private static readonly IngestionLimits DefaultLimits = new();

    /// <param name="limits">The domain of what may be stored; null takes the defaults.</param>
    public static OddsApiParseResult Parse(ReadOnlyMemory<byte> utf8Json, DateTime receivedAt, DevigMethod method, IngestionLimits? limits = null)
    {
        limits ??= DefaultLimits;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json);
        }
        catch (JsonException ex)
        {
            return new OddsApiParseResult([], [], [], $"invalid JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return new OddsApiParseResult([], [], [], "the body is not a JSON array of events");
            }

            var events = new List<SportsEvent>();
            var quotes = new List<SportsbookQuote>();
            var errors = new List<string>();
            foreach (JsonElement element in document.RootElement.EnumerateArray())
            {
                SportsEvent? sportsEvent;
                try
                {
                    sportsEvent = ParseEvent(element, limits, errors);
                }
                catch (InvalidOperationException)
                {
                    // System.Text.Json refuses to read a string escaping a lone surrogate (\ud800).
                    errors.Add($"event skipped: {LoneSurrogate}");
                    continue;
                }

                if (sportsEvent is null)
                {
                    continue;
                }

                events.Add(sportsEvent);
                if (element.TryGetProperty("bookmakers", out JsonElement bookmakers) && bookmakers.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement bookmaker in bookmakers.EnumerateArray())
                    {
                        var bookQuotes = new List<SportsbookQuote>();
                        try
                        {
                            OddsApiBookmakerParser.Parse(sportsEvent, bookmaker, receivedAt, method, limits, bookQuotes, errors);
                            quotes.AddRange(bookQuotes);
                        }
                        catch (InvalidOperationException)
                        {
                            errors.Add($"event {sportsEvent.EventId}: bookmaker skipped: {LoneSurrogate}");
                        }
                    }
                }
            }

            return new OddsApiParseResult(events, quotes, errors);
        }
    }

    private static SportsEvent? ParseEvent(JsonElement element, IngestionLimits limits, List<string> errors)
    {
        string? id = OddsApiJson.String(element, "id");
        string? sport = OddsApiJson.String(element, "sport_key");
        string? home = OddsApiJson.String(element, "home_team");
        string? away = OddsApiJson.String(element, "away_team");
        DateTime? commence = OddsApiJson.Time(element, "commence_time");
        if (id is null || sport is null || home is null || away is null || commence is null)
        {
            errors.Add($"event {id ?? "?"} skipped: id, sport_key, home_team, away_team or commence_time missing");
            return null;
        }

        var sportsEvent = new SportsEvent(id, sport, home, away, commence.Value);
        if (MarketEventCheck.Problem(sportsEvent, limits) is { } problem)
        {
            errors.Add($"event skipped: {problem}");
            return null;
        }

        return sportsEvent;
    }
}
