using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// What a <see cref="QuoteBoard"/> keeps about each slot of its <see cref="QuoteSet"/>, side by side in one array:
/// the slot's book, whether it is excluded, its outcome and book line as small numbers (worked out once per slot: a slot
/// keeps its book and outcome for the set's life), and the figures of its current quote, copied when the slot's stamp
/// moves. A rebuild then reads one contiguous array instead of every quote object of the market.
/// </summary>
internal sealed class QuoteSlots(HashSet<string> excludedBooks)
{
    private readonly List<string> _outcomeNames = new(2);
    private readonly Dictionary<string, int> _lineByBook = new(StringComparer.OrdinalIgnoreCase);
    private QuoteSet? _of;
    private int _count;
    private Slot[] _slots = new Slot[4];

    /// <summary>Book lines known (books compared ignoring case, as the consensus groups them); line numbers run below it.</summary>
    public int LineCount => _lineByBook.Count;

    public ref Slot this[int slot] => ref _slots[slot];

    /// <summary>
    /// Learns the slots of <paramref name="set"/> not seen yet and copies the figures of every slot whose stamp moved.
    /// Returns true when <paramref name="set"/> is another set than last time: slot and line numbers started over.
    /// </summary>
    public bool Cover(QuoteSet? set, ReadOnlySpan<SportsbookQuote> quotes, ReadOnlySpan<long> stamps)
    {
        bool other = !ReferenceEquals(set, _of);
        if (other)
        {
            _of = set;
            _count = 0;
            _outcomeNames.Clear();
            _lineByBook.Clear();
        }

        if (quotes.Length > _slots.Length)
        {
            Array.Resize(ref _slots, Math.Max(quotes.Length, _slots.Length * 2));
        }

        for (; _count < quotes.Length; _count++)
        {
            string book = quotes[_count].Book;
            if (!_lineByBook.TryGetValue(book, out int line))
            {
                line = _lineByBook.Count;
                _lineByBook[book] = line;
            }

            int outcome = OutcomeId(quotes[_count].Outcome);
            if (outcome < 0)
            {
                outcome = _outcomeNames.Count;
                _outcomeNames.Add(quotes[_count].Outcome);
            }

            _slots[_count] = new Slot
            {
                Book = book,
                Excluded = excludedBooks.Count > 0 && excludedBooks.Contains(book),
                Outcome = outcome,
                Line = line,
            };
        }

        for (int slot = 0; slot < quotes.Length; slot++)
        {
            ref Slot known = ref _slots[slot];
            if (known.Stamp != stamps[slot])
            {
                SportsbookQuote quote = quotes[slot];
                known.Stamp = stamps[slot];
                known.Quote = quote;
                known.ReceivedAt = quote.ReceivedAt;
                known.ExchangeTs = quote.ExchangeTs;
                known.DecimalOdds = quote.DecimalOdds;
                known.ImpliedProb = quote.ImpliedProb;
            }
        }

        return other;
    }

    /// <summary>The number of <paramref name="outcome"/> (ordinal match, as the set keys its slots); -1 when no slot has it.</summary>
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

    /// <summary>
    /// One slot. A mutable struct in an array so a pass reads the slots in a row; only <see cref="QuoteSlots"/> and
    /// <see cref="BookLines"/> write it.
    /// </summary>
    internal struct Slot
    {
        public string Book;
        public bool Excluded;
        public int Outcome;
        public int Line;
        public long Stamp;
        public SportsbookQuote Quote;
        public DateTime ReceivedAt;
        public DateTime ExchangeTs;
        public decimal DecimalOdds;
        public decimal ImpliedProb;

        /// <summary>This quote's devigged probability within its book's line, valid while the line has a fair value.</summary>
        public decimal Fair;

        /// <summary>The settle of its line that last took this slot, and the slot's stamp then (see <see cref="BookLines"/>).</summary>
        public long SettledBy;
        public long SettledStamp;
    }
}
