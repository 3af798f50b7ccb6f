using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pricing;

/// <summary>
/// Closing-line value (CLV): how the price a Kalshi leg was bought at compares with where the market closed. Two
/// closes: Kalshi's own last price, and the devigged consensus of the sharp books (docs/clv.md).
/// </summary>
public static class ClosingLine
{
    /// <summary>
    /// Books whose closing lines count as sharp: Pinnacle (The Odds API's <c>eu</c> region) and Circa Sports, low-margin
    /// books that take large limits and move first. When none of them quotes the outcome every book counts.
    /// </summary>
    public static readonly IReadOnlyList<string> SharpBooks = ["pinnacle", "circasports"];

    /// <summary>Kalshi's closing YES price from the last tick before the close: the last traded price, else the bid/ask midpoint, else none.</summary>
    public static decimal? KalshiYesClose(KalshiTick? lastTick) => lastTick switch
    {
        { LastPrice: { } last } => last,
        { YesBid: { } bid, YesAsk: { } ask } => (bid + ask) / 2m,
        _ => null,
    };

    /// <summary>
    /// The closing consensus of <paramref name="outcome"/> from each book's last quote at or before the close
    /// (<paramref name="closingQuotes"/>: at most one per book and outcome; a book's later duplicate wins): the sharp
    /// books when any of them quotes it, else every book; plain mean of their devigged fair probabilities. Null when no book quotes it.
    /// </summary>
    public static SharpClose? Consensus(IEnumerable<SportsbookQuote> closingQuotes, string outcome)
    {
        ArgumentNullException.ThrowIfNull(closingQuotes);
        Dictionary<string, decimal> byBook = new(StringComparer.OrdinalIgnoreCase);
        foreach (SportsbookQuote quote in closingQuotes.Where(q => q.Outcome == outcome).OrderBy(q => q.ExchangeTs))
        {
            byBook[quote.Book] = quote.FairProb;
        }

        if (byBook.Count == 0)
        {
            return null;
        }

        List<string> sharp = [.. byBook.Keys.Where(b => SharpBooks.Contains(b, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)];
        List<string> counted = sharp.Count > 0 ? sharp : [.. byBook.Keys.Order(StringComparer.Ordinal)];
        return new SharpClose(counted.Sum(b => byBook[b]) / counted.Count, counted, sharp.Count > 0);
    }

    /// <summary>The probability that a Kalshi leg pays, from the probability of the mapped outcome: YES pays on the outcome unless the mapping is inverted.</summary>
    public static decimal LegProbability(decimal outcomeProbability, Side side, bool inverted) =>
        (side == Side.Yes) != inverted ? outcomeProbability : 1m - outcomeProbability;

    /// <summary>A YES price turned into the price of <paramref name="side"/> (NO is its complement).</summary>
    public static decimal SidePrice(decimal yesPrice, Side side) => side == Side.Yes ? yesPrice : 1m - yesPrice;

    /// <summary>CLV of <paramref name="contracts"/> bought at <paramref name="entryPrice"/> against the leg's closing probability.</summary>
    public static ClvFigure Of(decimal entryPrice, decimal closeProb, decimal contracts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(entryPrice);
        decimal points = closeProb - entryPrice;
        return new ClvFigure(closeProb, points, 100m * points / entryPrice, points * contracts);
    }
}
