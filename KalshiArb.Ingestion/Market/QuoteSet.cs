using System.Collections.Immutable;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>
/// The latest quote of every book and outcome of one sportsbook market, in order of each pair's first quote, changed
/// in place: a new quote of a known book and outcome overwrites its slot, so a quote allocates nothing once the
/// pair has been seen. <see cref="Version"/> moves with every quote. Written and read on the consumer thread that owns
/// the market's game; other threads read <see cref="Snapshot"/>, under the set's lock.
/// </summary>
internal sealed class QuoteSet
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Book, string Outcome), int> _slots = [];
    private SportsbookQuote[] _quotes = new SportsbookQuote[4];
    private long[] _stamps = new long[4];
    private ImmutableArray<SportsbookQuote> _published = [];
    private long _publishedVersion;

    public int Count { get; private set; }

    public long Version { get; private set; }

    public ReadOnlySpan<SportsbookQuote> Quotes => _quotes.AsSpan(0, Count);

    /// <summary>Per slot, the <see cref="Version"/> its quote was set at: a reader that remembers it knows which slots changed.</summary>
    public ReadOnlySpan<long> Stamps => _stamps.AsSpan(0, Count);

    public void Set(SportsbookQuote quote)
    {
        lock (_gate)
        {
            if (!_slots.TryGetValue((quote.Book, quote.Outcome), out int slot))
            {
                if (Count == _quotes.Length)
                {
                    Array.Resize(ref _quotes, _quotes.Length * 2);
                    Array.Resize(ref _stamps, _quotes.Length);
                }

                slot = Count++;
                _slots[(quote.Book, quote.Outcome)] = slot;
            }

            _quotes[slot] = quote;
            _stamps[slot] = ++Version;
        }
    }

    /// <summary>An immutable copy, the same instance until the next quote (readers compare it with <c>==</c>).</summary>
    public ImmutableArray<SportsbookQuote> Snapshot()
    {
        lock (_gate)
        {
            if (_publishedVersion != Version)
            {
                _published = [.. Quotes];
                _publishedVersion = Version;
            }

            return _published;
        }
    }
}
