using System.Collections.Immutable;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// What the detector derives from one sportsbook market's quotes at one moment: the fresh quotes, their books and
/// outcomes, and per outcome the consensus and the best hedge. Both mappings of a game read the same board, and it
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
    private readonly Dictionary<string, Consensus?> _consensus = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SportsbookQuote?> _hedges = new(StringComparer.Ordinal);

    public QuoteBoard(ImmutableArray<SportsbookQuote> quotes, DateTime now, TimeSpan maxAge, HashSet<string> excludedBooks)
    {
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

    /// <summary>The consensus of <paramref name="outcome"/>, computed by <paramref name="take"/> over the fresh quotes once per board.</summary>
    public Consensus? ConsensusFor(string outcome, Func<string, IReadOnlyList<SportsbookQuote>, Consensus?> take)
    {
        if (!_consensus.TryGetValue(outcome, out Consensus? consensus))
        {
            consensus = take(outcome, _fresh);
            _consensus[outcome] = consensus;
        }

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
}
