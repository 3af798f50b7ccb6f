using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Market;

/// <summary>The mappings in force, indexed by Kalshi ticker and by sportsbook event. Thread-safe.</summary>
public sealed class MappingRegistry
{
    public event Action<EventMapping>? Changed;

    public IReadOnlyList<EventMapping> All => throw new NotImplementedException();

    public EventMapping? ForTicker(string kalshiTicker) => throw new NotImplementedException();

    public IReadOnlyList<EventMapping> ForEvent(string eventId) => throw new NotImplementedException();

    public void Upsert(EventMapping mapping)
    {
        Changed?.Invoke(mapping);
        throw new NotImplementedException();
    }
}
