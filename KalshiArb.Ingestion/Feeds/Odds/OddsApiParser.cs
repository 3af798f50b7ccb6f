using System.Globalization;
using System.Text.Json;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using KalshiArb.Ingestion.Validation;

namespace KalshiArb.Ingestion.Feeds.Odds;

/// <summary>
/// Parses The Odds API v4 <c>/odds</c> response (events → bookmakers → markets → outcomes, American odds) into
/// events and quotes. Each book's market is devigged on its own: h2h over all its outcomes; lines with points
/// (spreads, totals) per line, pairing the outcomes with the same |point| (Team −3.5 with Team +3.5, Over 220.5
/// with Under 220.5). A line with an invalid price is skipped whole: devigging what is left would spread the
/// missing outcome's probability over the others; so is a line with a quote that may not be stored
/// (<see cref="MarketEventCheck"/>: its <c>last_update</c> outside the window around the receive time, text that
/// cannot be stored faithfully). Pure.
/// </summary>
public static class OddsApiParser
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
                            ParseBookmaker(sportsEvent, bookmaker, receivedAt, method, limits, bookQuotes, errors);
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
        string? id = String(element, "id");
        string? sport = String(element, "sport_key");
        string? home = String(element, "home_team");
        string? away = String(element, "away_team");
        DateTime? commence = Time(element, "commence_time");
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

    private static void ParseBookmaker(
        SportsEvent sportsEvent,
        JsonElement bookmaker,
        DateTime receivedAt,
        DevigMethod method,
        IngestionLimits limits,
        List<SportsbookQuote> quotes,
        List<string> errors)
    {
        string? book = String(bookmaker, "key");
        if (book is null || !bookmaker.TryGetProperty("markets", out JsonElement markets) || markets.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"event {sportsEvent.EventId}: bookmaker {book ?? "?"} skipped: key or markets missing");
            return;
        }

        DateTime? bookUpdate = Time(bookmaker, "last_update");
        foreach (JsonElement market in markets.EnumerateArray())
        {
            string? marketKey = String(market, "key");
            if (marketKey is null || !market.TryGetProperty("outcomes", out JsonElement outcomes) || outcomes.ValueKind != JsonValueKind.Array)
            {
                errors.Add($"event {sportsEvent.EventId}/{book}: market skipped: key or outcomes missing");
                continue;
            }

            DateTime exchangeTs = Time(market, "last_update") ?? bookUpdate ?? receivedAt;
            string where = $"event {sportsEvent.EventId}/{book}/{marketKey}";
            var lines = new Dictionary<decimal, List<Outcome?>>();
            var noPointLine = new List<Outcome?>();
            foreach (JsonElement outcome in outcomes.EnumerateArray())
            {
                decimal? point = Decimal(outcome, "point");
                List<Outcome?> line = point is { } p ? Line(lines, Math.Abs(p)) : noPointLine;
                line.Add(ParseOutcome(outcome, point, where, errors));
            }

            foreach (List<Outcome?> line in lines.Values.Prepend(noPointLine).Where(l => l.Count > 0))
            {
                AddLine(sportsEvent, book, marketKey, line, exchangeTs, receivedAt, method, limits, where, quotes, errors);
            }
        }
    }

    private static List<Outcome?> Line(Dictionary<decimal, List<Outcome?>> lines, decimal absolutePoint)
    {
        if (!lines.TryGetValue(absolutePoint, out List<Outcome?>? line))
        {
            line = [];
            lines[absolutePoint] = line;
        }

        return line;
    }

    private static Outcome? ParseOutcome(JsonElement outcome, decimal? point, string where, List<string> errors)
    {
        string? name = String(outcome, "name");
        if (name is null)
        {
            errors.Add($"{where}: outcome without a name");
            return null;
        }

        if (!outcome.TryGetProperty("price", out JsonElement price) || price.ValueKind != JsonValueKind.Number
            || !price.TryGetDecimal(out decimal american) || american != decimal.Truncate(american) || american is > int.MaxValue or < int.MinValue)
        {
            errors.Add($"{where}: outcome {name} has no whole American price");
            return null;
        }

        int americanOdds = (int)american;
        if (americanOdds is > -100 and < 100)
        {
            errors.Add($"{where}: outcome {name} has invalid American odds {americanOdds}");
            return null;
        }

        return new Outcome(name, point, americanOdds);
    }

    private static void AddLine(
        SportsEvent sportsEvent,
        string book,
        string marketKey,
        List<Outcome?> line,
        DateTime exchangeTs,
        DateTime receivedAt,
        DevigMethod method,
        IngestionLimits limits,
        string where,
        List<SportsbookQuote> quotes,
        List<string> errors)
    {
        if (line.Any(o => o is null))
        {
            errors.Add($"{where}: line skipped because one of its outcomes is invalid");
            return;
        }

        if (line.Count < 2)
        {
            errors.Add($"{where}: line with a single outcome ({line[0]!.Name}) cannot be devigged");
            return;
        }

        decimal[] implied = line.Select(o => OddsMath.AmericanToImplied(o!.American)).ToArray();
        decimal[] fair;
        try
        {
            fair = Devig.Apply(implied, method);
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{where}: devig failed: {ex.Message}");
            return;
        }

        var built = new SportsbookQuote[line.Count];
        for (int i = 0; i < line.Count; i++)
        {
            Outcome outcome = line[i]!;
            built[i] = new SportsbookQuote(
                sportsEvent.EventId,
                sportsEvent.SportKey,
                book,
                marketKey,
                outcome.Name,
                outcome.Point,
                outcome.American,
                OddsMath.AmericanToDecimal(outcome.American),
                implied[i],
                fair[i],
                method,
                exchangeTs,
                receivedAt);
            if (MarketEventCheck.Problem(built[i], limits) is { } problem)
            {
                errors.Add($"{where}: line skipped: {problem}");
                return;
            }
        }

        quotes.AddRange(built);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;

    private static decimal? Decimal(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out decimal result)
            ? result
            : null;

    private static DateTime? Time(JsonElement element, string name) =>
        String(element, name) is { } text
        && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime time)
            ? time
            : null;

    private sealed record Outcome(string Name, decimal? Point, int American);
}
