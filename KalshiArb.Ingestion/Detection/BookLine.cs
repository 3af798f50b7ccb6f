using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// One book's fresh quotes of one sportsbook market, its weight, and their fair probabilities. Kept by its
/// <see cref="QuoteBoard"/> across rebuilds and recomputed only when the book's quotes change (compared by
/// reference, in order), so a quote of one book devigs that book's line alone and allocates nothing once warm.
/// </summary>
internal sealed class BookLine
{
    private readonly List<SportsbookQuote> _quotes = new(2);
    private readonly List<SportsbookQuote> _incoming = new(2);
    private readonly List<decimal> _implied = new(2);
    private decimal[] _fair = [];

    /// <summary>The board build that last gathered this line's quotes.</summary>
    public int Build { get; set; }

    /// <summary>False when the book sits out of the consensus: no weight, one outcome, or mid-update.</summary>
    public bool Included { get; private set; }

    /// <summary>False when the line could not be devigged with the configured method.</summary>
    public bool HasFair { get; private set; }

    public decimal Weight { get; private set; }

    public DateTime OldestQuoteTs { get; private set; }

    public void StartGathering() => _incoming.Clear();

    public void Gather(SportsbookQuote quote) => _incoming.Add(quote);

    /// <summary>The fair probability of <paramref name="outcome"/> on this line; false when the line has none for it.</summary>
    public bool TryFair(string outcome, out decimal fair)
    {
        for (int i = 0; i < _quotes.Count; i++)
        {
            if (_quotes[i].Outcome == outcome)
            {
                fair = _fair[i];
                return HasFair;
            }
        }

        fair = 0m;
        return false;
    }

    /// <summary>Takes the gathered quotes as the line, devigging them unless they are the very quotes it already holds.</summary>
    public void Settle(DetectionOptions options)
    {
        if (SameQuotes())
        {
            return;
        }

        _quotes.Clear();
        _quotes.AddRange(_incoming);
        string book = _quotes[0].Book;
        Weight = options.BookWeights.TryGetValue(book, out decimal w) ? w : 1m;
        DateTime oldest = DateTime.MaxValue;
        bool midUpdate = false;
        foreach (SportsbookQuote quote in _quotes)
        {
            oldest = quote.ExchangeTs < oldest ? quote.ExchangeTs : oldest;
            midUpdate |= quote.ReceivedAt != _quotes[0].ReceivedAt;
        }

        OldestQuoteTs = oldest;
        // A line's outcomes arrive as separate events of one delivery; until the last has come, the book would be
        // devigged over two different lines, so it sits out.
        Included = Weight > 0m && _quotes.Count >= 2 && !midUpdate;
        HasFair = false;
        if (!Included)
        {
            return;
        }

        if (_fair.Length != _quotes.Count)
        {
            _fair = new decimal[_quotes.Count];
        }

        _implied.Clear();
        foreach (SportsbookQuote quote in _quotes)
        {
            _implied.Add(quote.ImpliedProb);
        }

        try
        {
            Devig.Apply(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_implied), options.DevigMethod, _fair);
            HasFair = true;
        }
        catch (ArgumentException)
        {
            // A book's market that cannot be devigged this way (a long shot under additive, bad prices) is left out.
        }
    }

    private bool SameQuotes()
    {
        if (_quotes.Count != _incoming.Count || _quotes.Count == 0)
        {
            return false;
        }

        for (int i = 0; i < _quotes.Count; i++)
        {
            if (!ReferenceEquals(_quotes[i], _incoming[i]))
            {
                return false;
            }
        }

        return true;
    }
}
