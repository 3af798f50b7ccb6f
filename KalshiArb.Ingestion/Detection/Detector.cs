using System.Collections.Concurrent;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// Event-driven detector: each state change re-prices only the mappings it touches (<see cref="MappingPricer"/>) and
/// returns the opportunity transitions (open, update, close) it caused (<see cref="OpportunityTracker"/>). Called on
/// the pipeline's consumer thread, after <see cref="Market.MarketState.Apply"/>; <see cref="Sweep"/> may run on a
/// timer thread (calls are serialized here).
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

    private readonly MappingRegistry _mappings;
    private readonly FeeScheduleRegistry _fees;
    private readonly TimeProvider _time;
    private readonly MappingPricer _pricer;
    private readonly OpportunityTracker _tracker;
    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<string> _changedMappings = new();
    private readonly HashSet<string> _tickers = new(StringComparer.Ordinal);
    private readonly MappingEvaluation _evaluation = new();
    private readonly List<Opportunity> _transitions = [];

    public Detector(MarketState state, MappingRegistry mappings, FeeScheduleRegistry fees, DetectionOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(state);
        _mappings = mappings ?? throw new ArgumentNullException(nameof(mappings));
        _fees = fees ?? throw new ArgumentNullException(nameof(fees));
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _pricer = new MappingPricer(state, mappings, fees, options);
        _tracker = new OpportunityTracker(options);

        // Mappings change on other threads (the dashboard); their tickers are re-evaluated on the next call here.
        _mappings.Changed += mapping => _changedMappings.Enqueue(mapping.KalshiTicker);
    }

    /// <summary>A snapshot of the open opportunities (latest transition of each), safe from any thread.</summary>
    public IReadOnlyList<Opportunity> OpenOpportunities => _tracker.OpenOpportunities;

    public IReadOnlyList<Opportunity> OnEvent(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        lock (_gate)
        {
            _tickers.Clear();
            switch (marketEvent)
            {
                case KalshiTick tick: _tickers.Add(tick.Ticker); break;
                case BookSnapshot snapshot: _tickers.Add(snapshot.Ticker); break;
                case BookDelta delta: _tickers.Add(delta.Ticker); break;
                case BookIntegrityChanged integrity: _tickers.Add(integrity.Ticker); break;
                case MarketStatusChanged status: _tickers.Add(status.Ticker); break;
                case MarketCloseTimeChanged close: _tickers.Add(close.Ticker); break;
                case EventFeeOverrideChanged fee:
                    // The override applies from now: every mapped market of the event is re-priced with it at once.
                    _fees.ApplyEventOverride(fee);
                    foreach (EventMapping mapping in _mappings.All)
                    {
                        if (string.Equals(_fees.EventOf(mapping.KalshiTicker), fee.EventTicker, StringComparison.OrdinalIgnoreCase))
                        {
                            _tickers.Add(mapping.KalshiTicker);
                        }
                    }

                    break;
                case SportsbookQuote quote:
                    IReadOnlyList<EventMapping> ofEvent = _mappings.ForEvent(quote.EventId);
                    for (int i = 0; i < ofEvent.Count; i++)
                    {
                        if (ofEvent[i].MarketType == quote.MarketType)
                        {
                            _tickers.Add(ofEvent[i].KalshiTicker);
                        }
                    }

                    break;
            }

            return Evaluate(_time.GetUtcNow().UtcDateTime);
        }
    }

    /// <summary>Closes opportunities whose legs went stale with no new event; called on a timer (about 1 Hz).</summary>
    public IReadOnlyList<Opportunity> Sweep(DateTime nowUtc)
    {
        lock (_gate)
        {
            _tickers.Clear();
            _tracker.CopyTrackedTickers(_tickers);
            return Evaluate(nowUtc);
        }
    }

    /// <summary>Prices and reconciles every ticker in <see cref="_tickers"/>; called under the gate.</summary>
    private IReadOnlyList<Opportunity> Evaluate(DateTime now)
    {
        while (_changedMappings.TryDequeue(out string? changed))
        {
            _tickers.Add(changed);
        }

        _transitions.Clear();
        foreach (string ticker in _tickers)
        {
            _pricer.Price(ticker, now, _evaluation);
            _tracker.Reconcile(_evaluation, now, _transitions);
        }

        // Transitions are rare next to events: only they pay for an array the caller may keep.
        return _transitions.Count == 0 ? [] : _transitions.ToArray();
    }
}
