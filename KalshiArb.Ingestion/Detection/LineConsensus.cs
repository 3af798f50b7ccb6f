using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// A spread/total mapping's fair value and hedges from one sportsbook market's fresh quotes. Each book's line (the
/// mapped outcome and its opposite at the same number, received together) is devigged with
/// <see cref="DetectionOptions.DevigMethod"/> and weighted with <see cref="DetectionOptions.BookWeights"/>;
/// <see cref="LinePricer"/> turns the lines into the probability at Kalshi's line. Hedges exist only on a same-line
/// (half-point) price: with a model there is nothing to lock.
/// </summary>
/// <param name="Consensus">The mapped outcome's fair probability at Kalshi's line and the oldest quote behind it.</param>
/// <param name="Model">The line model's inputs when the books quote other lines; null on a same-line price.</param>
/// <param name="Lines">Each same-line book's pair: the mapped outcome's quote, then its opposite.</param>
internal sealed record LineConsensus(Consensus Consensus, LineModel? Model, IReadOnlyList<(SportsbookQuote Outcome, SportsbookQuote Opposite)> Lines)
{
    public static LineConsensus? From(IReadOnlyList<SportsbookQuote> fresh, EventMapping mapping, DetectionOptions options)
    {
        decimal point = mapping.Point!.Value;
        var inputs = new List<LineInput>();
        var pairs = new List<(SportsbookQuote Outcome, SportsbookQuote Opposite)>();
        DateTime oldest = DateTime.MaxValue;
        Span<decimal> implied = stackalloc decimal[2];
        Span<decimal> fair = stackalloc decimal[2];
        foreach (SportsbookQuote quote in fresh)
        {
            decimal weight = options.BookWeights.TryGetValue(quote.Book, out decimal configured) ? configured : 1m;
            if (quote.Outcome != mapping.Outcome || quote.Point is not { } bookPoint || weight <= 0m
                || Opposite(fresh, quote, mapping.MarketType) is not { } opposite)
            {
                continue;
            }

            implied[0] = quote.ImpliedProb;
            implied[1] = opposite.ImpliedProb;
            try
            {
                Devig.Apply(implied, options.DevigMethod, fair);
            }
            catch (ArgumentException)
            {
                continue;
            }

            inputs.Add(new LineInput(quote.Book, bookPoint, fair[0], weight));
            oldest = Min(oldest, Min(quote.ExchangeTs, opposite.ExchangeTs));
            if (bookPoint == point)
            {
                pairs.Add((quote, opposite));
            }
        }

        // Books in name order: the model's inputs read the same whatever order the quotes arrived in.
        inputs.Sort((a, b) => string.CompareOrdinal(a.Book, b.Book));
        if (LinePricer.Fair(mapping.MarketType, mapping.Outcome, point, LineSigma.For(mapping.SportKey, mapping.MarketType), inputs) is not { } priced)
        {
            return null;
        }

        return new LineConsensus(new Consensus(priced.FairProb, oldest), priced.Model, priced.Model is null ? pairs : []);
    }

    /// <summary>The best-priced same-line quote that wins when the Kalshi leg loses; null on a model price.</summary>
    public SportsbookQuote? BestHedge(bool legIsOutcome)
    {
        SportsbookQuote? best = null;
        foreach ((SportsbookQuote outcome, SportsbookQuote opposite) in Lines)
        {
            SportsbookQuote candidate = legIsOutcome ? opposite : outcome;
            if (candidate.DecimalOdds > 1m && (best is null || candidate.DecimalOdds > best.DecimalOdds))
            {
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>The same book's other outcome on the same line (a spread's other team at the mirrored point, a total's other side at the same number), received with it.</summary>
    private static SportsbookQuote? Opposite(IReadOnlyList<SportsbookQuote> fresh, SportsbookQuote quote, string marketType)
    {
        decimal want = marketType == LineText.Spreads ? -quote.Point!.Value : quote.Point!.Value;
        foreach (SportsbookQuote other in fresh)
        {
            if (other.Book == quote.Book && other.Outcome != quote.Outcome && other.Point == want && other.ReceivedAt == quote.ReceivedAt)
            {
                return other;
            }
        }

        return null;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
