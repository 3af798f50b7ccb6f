using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// Event-driven detector: each state change re-prices only the mappings it touches (<see cref="TouchedTickers"/>, <see cref="MappingPricer"/>) and
/// returns the opportunity transitions (open, update, close) it caused (<see cref="OpportunityTracker"/>). Its state is
/// split into shards by game (<see cref="GameRouter"/>): an event is handled under its game's shard lock only, so the
/// pipeline's consumers, one per shard, detect in parallel; <see cref="Sweep"/> may run on a timer thread.
/// </summary>
/// <remarks>
/// Consensus: each fresh book's outcomes (received together, as one line) are devigged with
/// <see cref="DetectionOptions.DevigMethod"/>, and the mapped outcome's fair probabilities are averaged with
/// <see cref="DetectionOptions.BookWeights"/>. Freshness is judged on our receive time, so a price a book has
/// not moved for minutes but that we just polled counts as fresh.
/// Identity: kind + ticker + side + book ("consensus" for +EV); a new id is issued at every open.
/// An event that changes no opportunity allocates nothing here: the ticker set, the evaluation and the transition
/// buffer are reused, and the answer is a shared empty list.
/// </remarks>
public sealed class Detector
{
    public const string ConsensusBook = "consensus";

    private readonly TimeProvider _time;
    private readonly DetectorShard[] _shards;
    private readonly TouchedTickers[] _touched;

    /// <summary>One shard: every event is handled under one lock.</summary>
    public Detector(MarketState state, MappingRegistry mappings, FeeScheduleRegistry fees, DetectionOptions options, TimeProvider time)
        : this(state, mappings, fees, options, time, new GameRouter(mappings, fees, shards: 1))
    {
    }

    public Detector(MarketState state, MappingRegistry mappings, FeeScheduleRegistry fees, DetectionOptions options, TimeProvider time, GameRouter router)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(mappings);
        ArgumentNullException.ThrowIfNull(fees);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        Router = router ?? throw new ArgumentNullException(nameof(router));
        _shards = new DetectorShard[router.Shards];
        for (int i = 0; i < _shards.Length; i++)
        {
            _shards[i] = new DetectorShard(i, router, new MappingPricer(state, mappings, fees, options), new OpportunityTracker(options));
        }

        _touched = [.. _shards.Select(shard => new TouchedTickers(shard, _shards, mappings, fees, router))];

        // Mappings change on other threads (the dashboard); the ticker is re-evaluated at each shard's next pass, so the
        // shard that priced it before closes what it held if the market moved to another game's shard.
        mappings.Changed += mapping =>
        {
            foreach (DetectorShard shard in _shards)
            {
                shard.Pending.Enqueue(mapping.KalshiTicker);
            }
        };
    }

    /// <summary>How events are split between the shards; the pipeline routes its consumers' events the same way.</summary>
    internal GameRouter Router { get; }

    /// <summary>A snapshot of the open opportunities of every shard (latest transition of each), safe from any thread.</summary>
    public IReadOnlyList<Opportunity> OpenOpportunities => _shards.Length == 1
        ? _shards[0].Tracker.OpenOpportunities
        : [.. _shards.SelectMany(shard => shard.Tracker.OpenOpportunities)];

    public IReadOnlyList<Opportunity> OnEvent(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        return OnEvents(new ReadOnlySpan<MarketEvent>(in marketEvent));
    }

    /// <summary>
    /// A run of events in one <see cref="PricingScope"/>, each already applied to the market state: what they touch is
    /// priced once, on the state after the last, and the transitions are those of that state.
    /// </summary>
    public IReadOnlyList<Opportunity> OnEvents(ReadOnlySpan<MarketEvent> run)
    {
        if (run.IsEmpty)
        {
            return [];
        }

        DetectorShard shard = _shards[Router.ShardOf(run[0])];
        lock (shard.Gate)
        {
            shard.Tickers.Clear();
            foreach (MarketEvent marketEvent in run)
            {
                marketEvent.DispatchTo(_touched[shard.Index]);
            }

            return shard.Evaluate(_time.GetUtcNow().UtcDateTime);
        }
    }

    /// <summary>Closes opportunities whose legs went stale with no new event, in every shard; called on a timer (about 1 Hz).</summary>
    public IReadOnlyList<Opportunity> Sweep(DateTime nowUtc)
    {
        if (_shards.Length == 1)
        {
            return Sweep(0, nowUtc);
        }

        List<Opportunity> closed = [];
        for (int i = 0; i < _shards.Length; i++)
        {
            closed.AddRange(Sweep(i, nowUtc));
        }

        return closed;
    }

    /// <summary>The stale sweep of one shard, for the consumer that owns it (its transitions then reach the sinks in order with its events).</summary>
    internal IReadOnlyList<Opportunity> Sweep(int shard, DateTime nowUtc)
    {
        DetectorShard owned = _shards[shard];
        lock (owned.Gate)
        {
            owned.Tickers.Clear();
            owned.Tracker.CopyTrackedTickers(owned.Tickers);
            return owned.Evaluate(nowUtc);
        }
    }
}
