using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// What one can buy of a side on one book: the other side's bids turned into asks (1 − bid price), cheapest first,
/// kept in a reused array and re-derived in place when those bids change. <see cref="Version"/> moves only when a
/// level changes digit for digit (scale included), so what a reader derived from one version stays valid until it moves.
/// Written and read on the book's consumer thread; other threads read <see cref="Published"/> under the book's lock.
/// </summary>
internal sealed class AskLadder
{
    private BookLevel[] _levels = new BookLevel[8];
    private BookLevel[]? _published;
    private long _publishedVersion = -1;

    public int Count { get; private set; }

    public long Version { get; private set; }

    public ReadOnlySpan<BookLevel> Levels => _levels.AsSpan(0, Count);

    /// <summary>Re-derives the asks from <paramref name="oppositeBids"/> (best first, distinct prices); levels with no size or a price outside (0, 1) are dropped.</summary>
    public void Derive(ReadOnlySpan<BookLevel> oppositeBids)
    {
        if (_levels.Length < oppositeBids.Length)
        {
            Array.Resize(ref _levels, Math.Max(oppositeBids.Length, _levels.Length * 2));
        }

        int count = 0;
        bool changed = false;
        foreach (BookLevel bid in oppositeBids)
        {
            if (bid.Size <= 0m || bid.Price is <= 0m or >= 1m)
            {
                continue;
            }

            var ask = new BookLevel(1m - bid.Price, bid.Size);
            if (count >= Count || !Identical(_levels[count], ask))
            {
                _levels[count] = ask;
                changed = true;
            }

            count++;
        }

        if (changed || count != Count)
        {
            Count = count;
            Version++;
        }
    }

    /// <summary>An immutable copy of the current levels, made once per version; call under the book's lock.</summary>
    public IReadOnlyList<BookLevel> Published()
    {
        if (_published is null || _publishedVersion != Version)
        {
            _published = Levels.ToArray();
            _publishedVersion = Version;
        }

        return _published;
    }

    private static bool Identical(BookLevel a, BookLevel b)
        => a.Price == b.Price && a.Price.Scale == b.Price.Scale && a.Size == b.Size && a.Size.Scale == b.Size.Scale;
}
