using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>The mappings in force, indexed by Kalshi ticker and by sportsbook event. Thread-safe; the latest row per ticker wins.</summary>
public sealed class MappingRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EventMapping> _byTicker = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _tickersByEvent = new(StringComparer.Ordinal);
    // ForEvent runs for every sportsbook quote: its answer is built at upsert, not per call.
    private readonly Dictionary<string, EventMapping[]> _byEvent = new(StringComparer.Ordinal);

    /// <summary>Raised after every upsert, on the caller's thread.</summary>
    public event Action<EventMapping>? Changed;

    public IReadOnlyList<EventMapping> All
    {
        get
        {
            lock (_gate)
            {
                return _byTicker.Values.OrderBy(m => m.KalshiTicker, StringComparer.Ordinal).ToArray();
            }
        }
    }

    public EventMapping? ForTicker(string kalshiTicker)
    {
        lock (_gate)
        {
            return _byTicker.GetValueOrDefault(kalshiTicker);
        }
    }

    public IReadOnlyList<EventMapping> ForEvent(string eventId)
    {
        lock (_gate)
        {
            return _byEvent.TryGetValue(eventId, out EventMapping[]? mappings) ? mappings : [];
        }
    }

    public void Upsert(EventMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        lock (_gate)
        {
            if (_byTicker.TryGetValue(mapping.KalshiTicker, out EventMapping? previous) && previous.EventId != mapping.EventId)
            {
                HashSet<string> oldTickers = _tickersByEvent[previous.EventId];
                oldTickers.Remove(mapping.KalshiTicker);
                if (oldTickers.Count == 0)
                {
                    _tickersByEvent.Remove(previous.EventId);
                    _byEvent.Remove(previous.EventId);
                }
                else
                {
                    _byEvent[previous.EventId] = Mappings(oldTickers);
                }
            }

            _byTicker[mapping.KalshiTicker] = mapping;
            if (!_tickersByEvent.TryGetValue(mapping.EventId, out HashSet<string>? tickers))
            {
                tickers = new HashSet<string>(StringComparer.Ordinal);
                _tickersByEvent[mapping.EventId] = tickers;
            }

            tickers.Add(mapping.KalshiTicker);
            _byEvent[mapping.EventId] = Mappings(tickers);
        }

        Changed?.Invoke(mapping);
    }

    private EventMapping[] Mappings(HashSet<string> tickers) => tickers.Select(t => _byTicker[t]).ToArray();
}
