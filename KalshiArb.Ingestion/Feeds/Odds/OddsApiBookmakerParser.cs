using System.Text.Json;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using KalshiArb.Ingestion.Validation;

namespace KalshiArb.Ingestion.Feeds.Odds;

/// <summary>
/// One bookmaker of an event in The Odds API v4 shape (markets → outcomes, American odds): outcomes grouped into
/// lines (h2h as one line; spreads and totals by |point|), each line devigged by <see cref="OddsApiLine"/>. Pure.
/// </summary>
internal static class OddsApiBookmakerParser
{
    public static void Parse(
        SportsEvent sportsEvent,
        JsonElement bookmaker,
        DateTime receivedAt,
        DevigMethod method,
        IngestionLimits limits,
        List<SportsbookQuote> quotes,
        List<string> errors)
    {
        string? book = OddsApiJson.String(bookmaker, "key");
        if (book is null || !bookmaker.TryGetProperty("markets", out JsonElement markets) || markets.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"event {sportsEvent.EventId}: bookmaker {book ?? "?"} skipped: key or markets missing");
            return;
        }

        DateTime? bookUpdate = OddsApiJson.Time(bookmaker, "last_update");
        foreach (JsonElement market in markets.EnumerateArray())
        {
            string? marketKey = OddsApiJson.String(market, "key");
            if (marketKey is null || !market.TryGetProperty("outcomes", out JsonElement outcomes) || outcomes.ValueKind != JsonValueKind.Array)
            {
                errors.Add($"event {sportsEvent.EventId}/{book}: market skipped: key or outcomes missing");
                continue;
            }

            DateTime exchangeTs = OddsApiJson.Time(market, "last_update") ?? bookUpdate ?? receivedAt;
            string where = $"event {sportsEvent.EventId}/{book}/{marketKey}";
            var lines = new Dictionary<decimal, List<OddsApiOutcome?>>();
            var noPointLine = new List<OddsApiOutcome?>();
            foreach (JsonElement outcome in outcomes.EnumerateArray())
            {
                decimal? point = OddsApiJson.Decimal(outcome, "point");
                List<OddsApiOutcome?> line = point is { } p ? Line(lines, Math.Abs(p)) : noPointLine;
                line.Add(ParseOutcome(outcome, point, where, errors));
            }

            foreach (List<OddsApiOutcome?> line in lines.Values.Prepend(noPointLine).Where(l => l.Count > 0))
            {
                OddsApiLine.Add(sportsEvent, book, marketKey, line, exchangeTs, receivedAt, method, limits, where, quotes, errors);
            }
        }
    }

    private static List<OddsApiOutcome?> Line(Dictionary<decimal, List<OddsApiOutcome?>> lines, decimal absolutePoint)
    {
        if (!lines.TryGetValue(absolutePoint, out List<OddsApiOutcome?>? line))
        {
            line = [];
            lines[absolutePoint] = line;
        }

        return line;
    }

    private static OddsApiOutcome? ParseOutcome(JsonElement outcome, decimal? point, string where, List<string> errors)
    {
        string? name = OddsApiJson.String(outcome, "name");
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

        return new OddsApiOutcome(name, point, americanOdds);
    }

}
