namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// Order-book sequence per subscription (sid), as Kalshi defines it: a snapshot sets last = seq, every later
/// message of that sid must carry last + 1. A gap makes every book of the sid untrustworthy until each market
/// receives a fresh snapshot. Pure state, no I/O; one instance per connection, used from one thread.
/// </summary>
internal sealed class KalshiSequenceTracker
{
    private readonly Dictionary<long, Subscription> _subscriptions = [];
    private readonly HashSet<string> _trusted = new(StringComparer.Ordinal);

    public bool IsTrusted(string ticker) => _trusted.Contains(ticker);

    public IReadOnlyCollection<string> TrustedTickers => _trusted;

    /// <summary>
    /// Records a snapshot. A snapshot is numbered in its subscription's sequence like a delta: when the subscription
    /// has a sequence and the snapshot is not its next number, messages for the other markets of the subscription
    /// were lost, and those markets are returned as <see cref="SnapshotOutcome.Lost"/>. Either way the snapshot's
    /// own book is whole and the sequence continues from its number.
    /// </summary>
    public SnapshotOutcome OnSnapshot(long sid, long seq, string ticker)
    {
        Subscription subscription = Get(sid);
        bool gap = subscription.LastSeq is { } last && seq != last + 1;
        var lost = new List<string>();
        if (gap)
        {
            foreach (string other in subscription.Tickers)
            {
                if (other != ticker && _trusted.Remove(other))
                {
                    lost.Add(other);
                }
            }
        }

        subscription.LastSeq = seq;
        subscription.Tickers.Add(ticker);
        return new SnapshotOutcome(_trusted.Add(ticker), gap, lost);
    }

    public SequenceVerdict OnDelta(long sid, long seq, string ticker)
    {
        Subscription subscription = Get(sid);
        if (subscription.LastSeq is not { } last)
        {
            return SequenceVerdict.AwaitingSnapshot;
        }

        if (seq != last + 1)
        {
            return SequenceVerdict.Gap;
        }

        subscription.LastSeq = seq;
        return _trusted.Contains(ticker) ? SequenceVerdict.Apply : SequenceVerdict.AwaitingSnapshot;
    }

    /// <summary>
    /// A control message (ok, unsubscribed) on the subscription: it carries a sequence number too, so it must be
    /// in order and it moves the sequence on. Returns <see cref="SequenceVerdict.Gap"/> when it is out of order.
    /// </summary>
    public SequenceVerdict OnControl(long sid, long seq)
    {
        Subscription subscription = Get(sid);
        if (subscription.LastSeq is not { } last)
        {
            return SequenceVerdict.AwaitingSnapshot;
        }

        if (seq != last + 1)
        {
            return SequenceVerdict.Gap;
        }

        subscription.LastSeq = seq;
        return SequenceVerdict.Apply;
    }

    /// <summary>
    /// Forgets the sequence of one subscription (after a gap or a rejected order-book message) and returns the
    /// markets whose books just stopped being trustworthy.
    /// </summary>
    public IReadOnlyList<string> Invalidate(long sid)
    {
        Subscription subscription = Get(sid);
        subscription.LastSeq = null;
        var lost = new List<string>();
        foreach (string ticker in subscription.Tickers)
        {
            if (_trusted.Remove(ticker))
            {
                lost.Add(ticker);
            }
        }

        return lost;
    }

    /// <summary>Forgets everything (new connection or full resubscribe); returns the markets that were trusted.</summary>
    public IReadOnlyList<string> Reset()
    {
        var lost = _trusted.ToList();
        _trusted.Clear();
        _subscriptions.Clear();
        return lost;
    }

    private Subscription Get(long sid)
    {
        if (!_subscriptions.TryGetValue(sid, out Subscription? subscription))
        {
            subscription = new Subscription();
            _subscriptions[sid] = subscription;
        }

        return subscription;
    }

    private sealed class Subscription
    {
        public long? LastSeq { get; set; }

        public HashSet<string> Tickers { get; } = new(StringComparer.Ordinal);
    }
}
