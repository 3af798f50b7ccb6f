using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// What a <see cref="QuoteBoard"/> knows about each slot of its <see cref="QuoteSet"/>: whether the slot's book is
/// excluded, its outcome as a small number, and its book's <see cref="BookLine"/>. A slot keeps its book and outcome
/// for the set's life (a new quote of the same pair overwrites it), so each is worked out once per slot instead of
/// by string hashing and comparison at every rebuild.
/// </summary>
internal sealed class QuoteSlots(HashSet<string> excludedBooks)
{
    private readonly List<string> _outcomeNames = new(2);
    private QuoteSet? _of;
    private int _count;
    private string[] _books = new string[4];
    private bool[] _excluded = new bool[4];
    private int[] _outcome = new int[4];
    private BookLine?[] _line = new BookLine?[4];
    private int[] _outcomeSeenAt = new int[2];
    private int _outcomeStamp;

    /// <summary>Learns the slots of <paramref name="set"/> not seen yet (all of them when the set is another one).</summary>
    public void Cover(QuoteSet? set, ReadOnlySpan<SportsbookQuote> quotes)
    {
        if (!ReferenceEquals(set, _of))
        {
            _of = set;
            _count = 0;
            _outcomeNames.Clear();
        }

        if (quotes.Length > _books.Length)
        {
            int size = Math.Max(quotes.Length, _books.Length * 2);
            Array.Resize(ref _books, size);
            Array.Resize(ref _excluded, size);
            Array.Resize(ref _outcome, size);
            Array.Resize(ref _line, size);
        }

        for (; _count < quotes.Length; _count++)
        {
            SportsbookQuote quote = quotes[_count];
            _books[_count] = quote.Book;
            _excluded[_count] = excludedBooks.Count > 0 && excludedBooks.Contains(quote.Book);
            _line[_count] = null;
            int id = OutcomeId(quote.Outcome);
            if (id < 0)
            {
                id = _outcomeNames.Count;
                _outcomeNames.Add(quote.Outcome);
            }

            _outcome[_count] = id;
        }

        if (_outcomeNames.Count > _outcomeSeenAt.Length)
        {
            Array.Resize(ref _outcomeSeenAt, _outcomeNames.Count * 2);
        }
    }

    public bool Excluded(int slot) => _excluded[slot];

    public int OutcomeOf(int slot) => _outcome[slot];

    /// <summary>The number of <paramref name="outcome"/> (ordinal match, as the slots are keyed); -1 when no slot has it.</summary>
    public int OutcomeId(string outcome)
    {
        for (int i = 0; i < _outcomeNames.Count; i++)
        {
            if (_outcomeNames[i] == outcome)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Starts a pass that asks <see cref="FirstOfOutcome"/>; returns its stamp.</summary>
    public int StartOutcomes() => ++_outcomeStamp;

    /// <summary>True the first time in the pass <paramref name="stamp"/> that a slot of this slot's outcome is asked about.</summary>
    public bool FirstOfOutcome(int slot, int stamp)
    {
        int id = _outcome[slot];
        if (_outcomeSeenAt[id] == stamp)
        {
            return false;
        }

        _outcomeSeenAt[id] = stamp;
        return true;
    }

    /// <summary>The line of the slot's book (books compared ignoring case, as the board groups them), from <paramref name="lineByBook"/>.</summary>
    public BookLine Line(int slot, Dictionary<string, BookLine> lineByBook)
    {
        if (_line[slot] is { } known)
        {
            return known;
        }

        if (!lineByBook.TryGetValue(_books[slot], out BookLine? line))
        {
            line = new BookLine();
            lineByBook[_books[slot]] = line;
        }

        _line[slot] = line;
        return line;
    }
}
