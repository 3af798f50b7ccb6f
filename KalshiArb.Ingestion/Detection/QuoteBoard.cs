using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// What the detector derives from one sportsbook market's quotes at one moment: the fresh quotes, their books and
/// outcomes, and per outcome the consensus and the best hedge. Consensus: each fresh book's outcomes (received
/// together, as one line) are devigged with <see cref="DetectionOptions.DevigMethod"/>, and an outcome's fair
/// probabilities are averaged with <see cref="DetectionOptions.BookWeights"/>. Both mappings of a game read the same board, and it
/// stays valid until a quote of that market changes or one of its fresh quotes ages out, so a Kalshi event re-prices
/// without re-deriving any of it.
/// </summary>
/// <remarks>
/// One board per sportsbook market, rebuilt in place (<see cref="Rebuild"/>): its collections, its slots
/// (<see cref="QuoteSlots"/>) and its book lines (<see cref="BookLines"/>) are reused, so a new quote allocates nothing
/// here once the market has been seen, and a rebuild reads the slots' copied figures, not each quote object.
/// What it hands out (<see cref="FreshBooks"/>, <see cref="Outcomes"/>) is valid until the next rebuild.
/// </remarks>
internal sealed class QuoteBoard(DetectionOptions options, HashSet<string> excludedBooks)
{
    private readonly List<SportsbookQuote> _fresh = [];
    // The quote set slot of each fresh quote, in the same order as _fresh.
    private readonly List<int> _freshSlots = [];
    private readonly HashSet<string> _books = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _outcomes = new(2);
    private readonly List<(string Outcome, Consensus? Consensus)> _consensus = new(2);
    private readonly List<(string Outcome, SportsbookQuote? Best)> _hedges = new(2);
    private readonly QuoteSlots _slots = new(excludedBooks);
    private readonly BookLines _lines = new(options);
    private bool[] _outcomeSeen = new bool[2];
    private QuoteSet? _source;
    private long _sourceVersion;
    private DateTime _builtAt;
    private DateTime _freshUntil;
    private int _build;
    private bool _linesBuilt;
    private bool _booksBuilt;

    /// <summary>Books with at least one fresh quote; gathered on first use after a rebuild (only a close asks).</summary>
    public IReadOnlySet<string> FreshBooks
    {
        get
        {
            if (!_booksBuilt)
            {
                _books.Clear();
                foreach (SportsbookQuote quote in _fresh)
                {
                    _books.Add(quote.Book);
                }

                _booksBuilt = true;
            }

            return _books;
        }
    }

    /// <summary>The quote set the board was last built from; null before the market's first quote.</summary>
    public QuoteSet? Source => _source;

    /// <summary>The fresh quotes, in snapshot order.</summary>
    public IReadOnlyList<SportsbookQuote> Fresh => _fresh;

    /// <summary>Distinct outcomes of the fresh quotes, in order of first appearance.</summary>
    public IReadOnlyList<string> Outcomes => _outcomes;

    /// <summary>True when <paramref name="quotes"/> is, at the same version, the set this board was built from and no fresh quote has aged out by <paramref name="now"/>.</summary>
    public bool ValidAt(QuoteSet? quotes, DateTime now)
        => _build > 0 && ReferenceEquals(quotes, _source) && (quotes?.Version ?? 0) == _sourceVersion && now >= _builtAt && now <= _freshUntil;

    /// <summary>Rebuilds the board from <paramref name="quotes"/> as of <paramref name="now"/>.</summary>
    public void Rebuild(QuoteSet? quotes, DateTime now)
    {
        TimeSpan maxAge = options.MaxBookQuoteAge;
        _source = quotes;
        _sourceVersion = quotes?.Version ?? 0;
        _builtAt = now;
        _freshUntil = DateTime.MaxValue;
        _build++;
        _linesBuilt = false;
        _booksBuilt = false;
        _fresh.Clear();
        _freshSlots.Clear();
        _outcomes.Clear();
        _consensus.Clear();
        _hedges.Clear();
        if (_slots.Cover(quotes, quotes is null ? [] : quotes.Quotes, quotes is null ? [] : quotes.Stamps))
        {
            _lines.Reset();
        }

        int slots = quotes?.Count ?? 0;
        Array.Clear(_outcomeSeen);
        for (int slot = 0; slot < slots; slot++)
        {
            ref QuoteSlots.Slot known = ref _slots[slot];
            if (known.Excluded || now - known.ReceivedAt > maxAge)
            {
                continue;
            }

            _fresh.Add(known.Quote);
            _freshSlots.Add(slot);
            if (known.Outcome >= _outcomeSeen.Length)
            {
                Array.Resize(ref _outcomeSeen, known.Outcome * 2);
            }

            if (!_outcomeSeen[known.Outcome])
            {
                _outcomeSeen[known.Outcome] = true;
                _outcomes.Add(known.Quote.Outcome);
            }

            // Fresh while now - ReceivedAt <= maxAge; a stale quote stays stale as time moves on.
            DateTime until = known.ReceivedAt > DateTime.MaxValue - maxAge ? DateTime.MaxValue : known.ReceivedAt + maxAge;
            _freshUntil = until < _freshUntil ? until : _freshUntil;
        }
    }

    /// <summary>
    /// Weighted mean over fresh books of <paramref name="outcome"/>'s devigged probability; null with no usable book.
    /// Each book's line is devigged once per change of its quotes, for all its outcomes.
    /// </summary>
    public Consensus? ConsensusFor(string outcome)
    {
        foreach ((string known, Consensus? cached) in _consensus)
        {
            if (known == outcome)
            {
                return cached;
            }
        }

        if (!_linesBuilt)
        {
            _lines.Gather(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_freshSlots), _slots);
            _linesBuilt = true;
        }

        Consensus? consensus = _lines.ConsensusFor(_slots.OutcomeId(outcome), _slots);
        _consensus.Add((outcome, consensus));
        return consensus;
    }

    /// <summary>The fresh quote with the best odds (then the latest) on <paramref name="outcome"/>; null when none has valid odds.</summary>
    public SportsbookQuote? BestHedgeFor(string outcome)
    {
        foreach ((string known, SportsbookQuote? cached) in _hedges)
        {
            if (known == outcome)
            {
                return cached;
            }
        }

        // Strictly better replaces, so among equal odds and receive times the first in snapshot order wins.
        int wanted = _slots.OutcomeId(outcome);
        int best = -1;
        foreach (int slot in _freshSlots)
        {
            ref QuoteSlots.Slot quote = ref _slots[slot];
            if (quote.Outcome == wanted && quote.DecimalOdds > 1m
                && (best < 0 || quote.DecimalOdds > _slots[best].DecimalOdds
                    || (quote.DecimalOdds == _slots[best].DecimalOdds && quote.ReceivedAt > _slots[best].ReceivedAt)))
            {
                best = slot;
            }
        }

        SportsbookQuote? bestQuote = best < 0 ? null : _slots[best].Quote;
        _hedges.Add((outcome, bestQuote));
        return bestQuote;
    }
}
