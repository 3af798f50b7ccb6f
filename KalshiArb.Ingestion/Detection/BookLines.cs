using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// The fresh books' lines of one <see cref="QuoteBoard"/> (a book's fresh quotes of the market, in snapshot order, the
/// lines in order of their book's first fresh quote) and each line's weight and fair probabilities. A line is devigged
/// again only when its fresh slots or one of their quotes changed since it was last settled, so a quote of one book
/// devigs that book's line alone. Everything sits in arrays indexed by line and slot, and allocates nothing once warm.
/// </summary>
internal sealed class BookLines(DetectionOptions options)
{
    private Line[] _lines = new Line[2];
    // Per build: the lines in order, and each one's fresh slots (a run of _members from _start).
    private int[] _order = new int[2];
    private int[] _positionOf = new int[2];
    private int[] _seenIn = new int[2];
    private int[] _start = new int[2];
    private int[] _count = new int[2];
    private int[] _members = new int[4];
    private int _lineCount;
    private int _build;
    private long _settles;

    /// <summary>Forgets every line: the board's slots and line numbers started over.</summary>
    public void Reset() => Array.Clear(_lines);

    /// <summary>Groups <paramref name="fresh"/> (slots in snapshot order) into lines and settles each.</summary>
    public void Gather(ReadOnlySpan<int> fresh, QuoteSlots slots)
    {
        Ensure(slots.LineCount, fresh.Length);
        _build++;
        _lineCount = 0;
        foreach (int slot in fresh)
        {
            int line = slots[slot].Line;
            if (_seenIn[line] != _build)
            {
                _seenIn[line] = _build;
                _positionOf[line] = _lineCount;
                _order[_lineCount] = line;
                _count[_lineCount++] = 0;
            }

            _count[_positionOf[line]]++;
        }

        for (int k = 0, at = 0; k < _lineCount; at += _count[k++])
        {
            _start[k] = at;
        }

        Span<int> filled = _lineCount <= 64 ? stackalloc int[_lineCount] : new int[_lineCount];
        foreach (int slot in fresh)
        {
            int k = _positionOf[slots[slot].Line];
            _members[_start[k] + filled[k]++] = slot;
        }

        for (int k = 0; k < _lineCount; k++)
        {
            Settle(k, slots);
        }
    }

    /// <summary>Weighted mean over the included lines of <paramref name="outcome"/>'s devigged probability; null with no usable line.</summary>
    public Consensus? ConsensusFor(int outcome, QuoteSlots slots)
    {
        decimal weighted = 0m, totalWeight = 0m;
        DateTime oldest = DateTime.MaxValue;
        for (int k = 0; k < _lineCount; k++)
        {
            ref Line line = ref _lines[_order[k]];
            if (!line.Included || !line.HasFair)
            {
                continue;
            }

            // The line's first quote of the outcome, as a line holds at most one per book name.
            foreach (int slot in _members.AsSpan(_start[k], _count[k]))
            {
                if (slots[slot].Outcome == outcome)
                {
                    weighted += line.Weight * slots[slot].Fair;
                    totalWeight += line.Weight;
                    oldest = line.OldestQuoteTs < oldest ? line.OldestQuoteTs : oldest;
                    break;
                }
            }
        }

        return totalWeight == 0m ? null : new Consensus(weighted / totalWeight, oldest);
    }

    private void Settle(int k, QuoteSlots slots)
    {
        ref Line line = ref _lines[_order[k]];
        ReadOnlySpan<int> members = _members.AsSpan(_start[k], _count[k]);
        if (Unchanged(ref line, members, slots))
        {
            return;
        }

        line.SettleId = ++_settles;
        line.SettledCount = members.Length;
        ref QuoteSlots.Slot first = ref slots[members[0]];
        line.Weight = options.BookWeights.TryGetValue(first.Book, out decimal w) ? w : 1m;
        DateTime oldest = DateTime.MaxValue;
        bool midUpdate = false;
        foreach (int slot in members)
        {
            ref QuoteSlots.Slot member = ref slots[slot];
            member.SettledBy = line.SettleId;
            member.SettledStamp = member.Stamp;
            oldest = member.ExchangeTs < oldest ? member.ExchangeTs : oldest;
            midUpdate |= member.ReceivedAt != first.ReceivedAt;
        }

        line.OldestQuoteTs = oldest;
        // A line's outcomes arrive as separate events of one delivery; until the last has come, the book would be
        // devigged over two different lines, so it sits out.
        line.Included = line.Weight > 0m && members.Length >= 2 && !midUpdate;
        line.HasFair = false;
        if (!line.Included)
        {
            return;
        }

        Span<decimal> implied = members.Length <= 16 ? stackalloc decimal[members.Length] : new decimal[members.Length];
        Span<decimal> fair = members.Length <= 16 ? stackalloc decimal[members.Length] : new decimal[members.Length];
        for (int i = 0; i < members.Length; i++)
        {
            implied[i] = slots[members[i]].ImpliedProb;
        }

        try
        {
            Devig.Apply(implied, options.DevigMethod, fair);
        }
        catch (ArgumentException)
        {
            // A book's market that cannot be devigged this way (a long shot under additive, bad prices) is left out.
            return;
        }

        for (int i = 0; i < members.Length; i++)
        {
            slots[members[i]].Fair = fair[i];
        }

        line.HasFair = true;
    }

    /// <summary>True when the line's fresh slots are the very ones it was last settled with, each at the same stamp.</summary>
    private static bool Unchanged(ref Line line, ReadOnlySpan<int> members, QuoteSlots slots)
    {
        if (line.SettleId == 0 || line.SettledCount != members.Length)
        {
            return false;
        }

        foreach (int slot in members)
        {
            ref QuoteSlots.Slot member = ref slots[slot];
            if (member.SettledBy != line.SettleId || member.SettledStamp != member.Stamp)
            {
                return false;
            }
        }

        return true;
    }

    private void Ensure(int lines, int slots)
    {
        if (lines > _lines.Length)
        {
            int size = Math.Max(lines, _lines.Length * 2);
            Array.Resize(ref _lines, size);
            Array.Resize(ref _order, size);
            Array.Resize(ref _positionOf, size);
            Array.Resize(ref _seenIn, size);
            Array.Resize(ref _start, size);
            Array.Resize(ref _count, size);
        }

        if (slots > _members.Length)
        {
            Array.Resize(ref _members, Math.Max(slots, _members.Length * 2));
        }
    }

    private struct Line
    {
        public long SettleId;
        public int SettledCount;
        public bool Included;
        public bool HasFair;
        public decimal Weight;
        public DateTime OldestQuoteTs;
    }
}
