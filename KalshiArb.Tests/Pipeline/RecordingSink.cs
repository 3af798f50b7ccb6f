using System.Collections.Concurrent;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Tests.Pipeline;

/// <summary>Keeps every event and opportunity the pipeline hands it, in arrival order; can hold the consumer on a gate.</summary>
internal sealed class RecordingSink : IPipelineSink
{
    private readonly ConcurrentQueue<MarketEvent> _events = new();
    private readonly ConcurrentQueue<Opportunity> _opportunities = new();

    /// <summary>While reset, the consumer blocks in <see cref="OnMarketEvent"/>: a sink that cannot keep up.</summary>
    public ManualResetEventSlim Gate { get; } = new(initialState: true);

    public IReadOnlyList<MarketEvent> Events => [.. _events];

    public IReadOnlyList<Opportunity> Opportunities => [.. _opportunities];

    public int EventCount => _events.Count;

    public void OnMarketEvent(MarketEvent marketEvent)
    {
        Gate.Wait();
        _events.Enqueue(marketEvent);
    }

    public void OnOpportunity(Opportunity opportunity) => _opportunities.Enqueue(opportunity);
}
