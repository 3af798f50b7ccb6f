using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using KalshiArb.Ingestion.Validation;

namespace KalshiArb.Ingestion.Feeds.Odds;

/// <summary>
/// One line of a bookmaker's market devigged into quotes. The line is skipped whole when an outcome is invalid
/// (devigging what is left would spread the missing outcome's probability over the others), when it has a single
/// outcome, or when a quote may not be stored (<see cref="MarketEventCheck"/>). Pure.
/// </summary>
internal static class OddsApiLine
{
    public static void Add(
        SportsEvent sportsEvent,
        string book,
        string marketKey,
        List<OddsApiOutcome?> line,
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
            OddsApiOutcome outcome = line[i]!;
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

}
