using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// The open opportunities and their lifecycle: given a ticker's latest pricing, opens what is new (with a fresh
/// id), updates what moved past the update thresholds, closes what is gone (with the reason), and keeps the peak
/// edge. One writer at a time (the detector serializes its callers); <see cref="OpenOpportunities"/> is safe from
/// any thread.
/// </summary>
internal sealed class OpportunityTracker(DetectionOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<OpportunityKey, Tracked> _open = [];
    private readonly Dictionary<string, List<OpportunityKey>> _keysByTicker = new(StringComparer.Ordinal);
    private volatile Opportunity[]? _openSnapshot = [];

    /// <summary>A snapshot of the open opportunities (latest transition of each).</summary>
    public IReadOnlyList<Opportunity> OpenOpportunities => _openSnapshot ?? BuildOpenSnapshot();

    /// <summary>Adds every ticker with an open opportunity to <paramref name="into"/>.</summary>
    public void CopyTrackedTickers(HashSet<string> into)
    {
        foreach (string ticker in _keysByTicker.Keys)
        {
            into.Add(ticker);
        }
    }

    /// <summary>
    /// Brings <paramref name="evaluation"/>'s ticker up to date and appends the transitions to
    /// <paramref name="transitions"/>: opens and updates in candidate order, then closes.
    /// </summary>
    public void Reconcile(MappingEvaluation evaluation, DateTime now, List<Opportunity> transitions)
    {
        int before = transitions.Count;
        lock (_gate)
        {
            _keysByTicker.TryGetValue(evaluation.Ticker, out List<OpportunityKey>? keys);
            foreach (OpportunityCandidate candidate in evaluation.Candidates)
            {
                var key = new OpportunityKey(candidate.Kind, evaluation.Ticker, candidate.Side, candidate.Book);
                if (_open.TryGetValue(key, out Tracked? tracked))
                {
                    Opportunity last = tracked.Last;
                    tracked.Peak = Math.Max(tracked.Peak, candidate.EdgePct);
                    bool edgeMoved = Math.Abs(candidate.EdgePct - last.EdgePct) >= options.UpdateEdgeDeltaPct;
                    bool sizeMoved = last.Size > 0m && Math.Abs(candidate.Size - last.Size) / last.Size >= options.UpdateSizeDeltaFraction;
                    if (edgeMoved || sizeMoved)
                    {
                        tracked.Last = Build(last.OpportunityId, OpportunityState.Update, evaluation, candidate, tracked, now);
                        transitions.Add(tracked.Last);
                    }
                }
                else
                {
                    tracked = new Tracked(candidate.EdgePct, now);
                    tracked.Last = Build(Guid.NewGuid().ToString("N"), OpportunityState.Open, evaluation, candidate, tracked, now);
                    _open[key] = tracked;
                    if (keys is null)
                    {
                        keys = [];
                        _keysByTicker[evaluation.Ticker] = keys;
                    }

                    keys.Add(key);
                    transitions.Add(tracked.Last);
                }
            }

            if (keys is not null)
            {
                CloseGone(keys, evaluation, now, transitions);
                if (keys.Count == 0)
                {
                    _keysByTicker.Remove(evaluation.Ticker);
                }
            }

            if (transitions.Count > before)
            {
                _openSnapshot = null;
            }
        }
    }

    /// <summary>Closes, in the order they opened, the ticker's opportunities the evaluation no longer supports.</summary>
    private void CloseGone(List<OpportunityKey> keys, MappingEvaluation evaluation, DateTime now, List<Opportunity> transitions)
    {
        int kept = 0;
        for (int i = 0; i < keys.Count; i++)
        {
            OpportunityKey key = keys[i];
            if (evaluation.TryFind(key, out _))
            {
                keys[kept++] = key;
                continue;
            }

            Tracked tracked = _open[key];
            transitions.Add(tracked.Last with
            {
                State = OpportunityState.Close,
                PeakEdgePct = tracked.Peak,
                CloseReason = evaluation.CloseReason(tracked.Last),
                Ts = now,
            });
            _open.Remove(key);
        }

        keys.RemoveRange(kept, keys.Count - kept);
    }

    /// <summary>Built on the first read after a transition, not at every transition: readers poll far less often than events arrive.</summary>
    private Opportunity[] BuildOpenSnapshot()
    {
        lock (_gate)
        {
            if (_openSnapshot is { } current)
            {
                return current;
            }

            var snapshot = new Opportunity[_open.Count];
            int i = 0;
            foreach (Tracked tracked in _open.Values)
            {
                snapshot[i++] = tracked.Last;
            }

            _openSnapshot = snapshot;
            return snapshot;
        }
    }

    private static Opportunity Build(string id, OpportunityState state, MappingEvaluation evaluation, OpportunityCandidate c, Tracked tracked, DateTime now)
        => new(
            id, state, c.Kind, evaluation.Ticker, evaluation.Mapping!.EventId, c.Book, c.Side, c.KalshiPrice, c.BookOdds, c.FairProb,
            c.Fee, c.EdgePct, c.Size, c.Profit, c.HedgeStake, tracked.Peak, evaluation.Mapping.Equivalence, tracked.FirstSeen,
            c.KalshiQuoteTs, c.BookQuoteTs, CloseReason: null, now, c.Model);

    private sealed class Tracked(decimal edgePct, DateTime firstSeen)
    {
        public decimal Peak { get; set; } = edgePct;

        public DateTime FirstSeen { get; } = firstSeen;

        public Opportunity Last { get; set; } = null!;
    }
}
