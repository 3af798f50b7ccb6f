using System.Collections.Concurrent;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// The detection state of one shard's games: their pricer (quote boards, remembered walks), their open opportunities,
/// and the reused buffers of a pass. Used under <see cref="Gate"/> only, which the shard's consumer holds while it
/// applies an event; other threads hand it tickers through <see cref="Pending"/>.
/// </summary>
internal sealed class DetectorShard(int index, GameRouter router, MappingPricer pricer, OpportunityTracker tracker)
{
    private readonly MappingEvaluation _evaluation = new();
    private readonly List<Opportunity> _transitions = [];

    public Lock Gate { get; } = new();

    public int Index { get; } = index;

    public OpportunityTracker Tracker { get; } = tracker;

    /// <summary>The tickers the current pass prices; filled by the caller under the gate.</summary>
    public HashSet<string> Tickers { get; } = new(StringComparer.Ordinal);

    /// <summary>Tickers to re-price at this shard's next pass: remapped markets, fee overrides from another shard.</summary>
    public ConcurrentQueue<string> Pending { get; } = new();

    /// <summary>Prices and reconciles every ticker in <see cref="Tickers"/> and what is pending; call under the gate.</summary>
    public IReadOnlyList<Opportunity> Evaluate(DateTime now)
    {
        while (Pending.TryDequeue(out string? pending))
        {
            Tickers.Add(pending);
        }

        _transitions.Clear();
        foreach (string ticker in Tickers)
        {
            // One read of the mapping for the route and the price.
            EventMapping? mapping = pricer.MappingOf(ticker);
            if (router.ShardOfTicker(ticker, mapping) == Index)
            {
                pricer.Price(ticker, mapping, now, _evaluation);
            }
            else
            {
                // Remapped to a game of another shard, which prices it from now on: what this shard held of it closes.
                _evaluation.Reset(ticker, mapping: null, blocked: "market remapped to another game");
            }

            Tracker.Reconcile(_evaluation, now, _transitions);
        }

        // Transitions are rare next to events: only they pay for an array the caller may keep.
        return _transitions.Count == 0 ? [] : _transitions.ToArray();
    }
}
