using System.Collections.Immutable;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// What the detector derives from one sportsbook market's quotes at one moment: the fresh quotes, their books and
/// outcomes, and per outcome the consensus and the best hedge. Consensus: each fresh book's outcomes (received
/// together, as one line) are devigged with <see cref="DetectionOptions.DevigMethod"/>, and an outcome's fair
/// probabilities are averaged with <see cref="DetectionOptions.BookWeights"/>. Both mappings of a game read the same board, and it
/// stays valid until a quote of that market changes or one of its fresh quotes ages out, so a Kalshi event re-prices
/// without re-deriving any of it.
/// </summary>
internal sealed class QuoteBoard
{
    public static readonly IReadOnlySet<string> NoBooks = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    private readonly ImmutableArray<SportsbookQuote> _source;
    private readonly DateTime _builtAt;
    private readonly DateTime _freshUntil;
    private readonly SportsbookQuote[] _fresh;
    private readonly DetectionOptions _options;
    private BookLine[]? _lines;
    private BookLine[]? _previousLines;
    private readonly Dictionary<string, Consensus?> _consensus = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SportsbookQuote?> _hedges = new(StringComparer.Ordinal);

    /// <param name="previous">the board this one replaces: the lines of books whose quotes did not change are taken from it.</param>
    public QuoteBoard(ImmutableArray<SportsbookQuote> quotes, DateTime now, DetectionOptions options, HashSet<string> excludedBooks, QuoteBoard? previous)
    {
        _previousLines = previous?._lines;
        TimeSpan maxAge = options.MaxBookQuoteAge;
        _options = options;
        _source = quotes;
        _builtAt = now;
        _freshUntil = DateTime.MaxValue;
        var fresh = new List<SportsbookQuote>(quotes.Length);
        var books = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var outcomes = new List<string>(2);
        foreach (SportsbookQuote quote in quotes)
        {
            if (excludedBooks.Contains(quote.Book) || now - quote.ReceivedAt > maxAge)
            {
                continue;
            }

            fresh.Add(quote);
            books.Add(quote.Book);
            if (!outcomes.Contains(quote.Outcome, StringComparer.Ordinal))
            {
                outcomes.Add(quote.Outcome);
            }

            // Fresh while now - ReceivedAt <= maxAge; a stale quote stays stale as time moves on.
            DateTime until = quote.ReceivedAt > DateTime.MaxValue - maxAge ? DateTime.MaxValue : quote.ReceivedAt + maxAge;
            _freshUntil = until < _freshUntil ? until : _freshUntil;
        }

        _fresh = [.. fresh];
        FreshBooks = books;
        Outcomes = outcomes;
    }

    /// <summary>Books with at least one fresh quote.</summary>
    public IReadOnlySet<string> FreshBooks { get; }

    /// <summary>Distinct outcomes of the fresh quotes, in order of first appearance.</summary>
    public IReadOnlyList<string> Outcomes { get; }

    /// <summary>True when <paramref name="quotes"/> is the snapshot this board was built from and no fresh quote has aged out by <paramref name="now"/>.</summary>
    public bool ValidAt(ImmutableArray<SportsbookQuote> quotes, DateTime now)
        => quotes == _source && now >= _builtAt && now <= _freshUntil;

    /// <summary>
    /// Weighted mean over fresh books of <paramref name="outcome"/>'s devigged probability; null with no usable book.
    /// Each book's line is devigged once per board, for all its outcomes.
    /// </summary>
    public Consensus? ConsensusFor(string outcome)
    {
        if (_consensus.TryGetValue(outcome, out Consensus? consensus))
        {
            return consensus;
        }

        _lines ??= DevigLines();
        decimal weighted = 0m, totalWeight = 0m;
        DateTime oldest = DateTime.MaxValue;
        foreach (BookLine line in _lines)
        {
            int index = Array.FindIndex(line.Quotes, q => q.Outcome == outcome);
            if (index < 0 || line.Fair is null)
            {
                continue;
            }

            weighted += line.Weight * line.Fair[index];
            totalWeight += line.Weight;
            oldest = line.OldestQuoteTs < oldest ? line.OldestQuoteTs : oldest;
        }

        consensus = totalWeight == 0m ? null : new Consensus(weighted / totalWeight, oldest);
        _consensus[outcome] = consensus;
        return consensus;
    }

    /// <summary>The fresh quote with the best odds (then the latest) on <paramref name="outcome"/>; null when none has valid odds.</summary>
    public SportsbookQuote? BestHedgeFor(string outcome)
    {
        if (!_hedges.TryGetValue(outcome, out SportsbookQuote? best))
        {
            // Strictly better replaces, so among equal odds and receive times the first in snapshot order wins.
            foreach (SportsbookQuote quote in _fresh)
            {
                if (quote.Outcome == outcome && quote.DecimalOdds > 1m
                    && (best is null || quote.DecimalOdds > best.DecimalOdds
                        || (quote.DecimalOdds == best.DecimalOdds && quote.ReceivedAt > best.ReceivedAt)))
                {
                    best = quote;
                }
            }

            _hedges[outcome] = best;
        }

        return best;
    }

    /// <summary>The fresh books that can take part in a consensus, in order of first appearance, each devigged.</summary>
    private BookLine[] DevigLines()
    {
        var lines = new List<BookLine>();
        foreach (IGrouping<string, SportsbookQuote> book in _fresh.GroupBy(q => q.Book, StringComparer.OrdinalIgnoreCase))
        {
            decimal weight = _options.BookWeights.TryGetValue(book.Key, out decimal w) ? w : 1m;
            SportsbookQuote[] outcomes = [.. book];
            if (Unchanged(outcomes) is { } kept)
            {
                lines.Add(kept);
                continue;
            }

            // A line's outcomes arrive as separate events of one delivery; until the last has come, the book would be
            // devigged over two different lines, so it sits out.
            bool midUpdate = outcomes.Any(q => q.ReceivedAt != outcomes[0].ReceivedAt);
            if (weight <= 0m || outcomes.Length < 2 || midUpdate)
            {
                continue;
            }

            decimal[]? fair;
            try
            {
                fair = Devig.Apply(outcomes.Select(q => q.ImpliedProb).ToArray(), _options.DevigMethod);
            }
            catch (ArgumentException)
            {
                // A book's market that cannot be devigged this way (a long shot under additive, bad prices) is left out.
                fair = null;
            }

            lines.Add(new BookLine(outcomes, weight, fair, outcomes.Min(q => q.ExchangeTs)));
        }

        _previousLines = null;
        return [.. lines];
    }

    /// <summary>The previous board's line of a book whose fresh quotes are the very same, in the same order; null otherwise.</summary>
    private BookLine? Unchanged(SportsbookQuote[] outcomes)
    {
        foreach (BookLine line in _previousLines ?? [])
        {
            if (line.Quotes.Length == outcomes.Length && line.Quotes.AsSpan().SequenceEqual(outcomes, ReferenceEqualityComparer.Instance))
            {
                return line;
            }
        }

        return null;
    }

    /// <summary>One book's fresh quotes of this market, its weight, and their fair probabilities (null when it cannot be devigged).</summary>
    private sealed record BookLine(SportsbookQuote[] Quotes, decimal Weight, decimal[]? Fair, DateTime OldestQuoteTs);
}
