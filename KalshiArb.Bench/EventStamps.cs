using System.Diagnostics;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Bench;

/// <summary>
/// Figure 5's clock on the pipeline: stamps when each armed event is decided (hooked to the pipeline's decision
/// record) and when it reaches the last sink (registered as that sink).
/// </summary>
internal sealed class EventStamps : IPipelineSink
{
    private Dictionary<MarketEvent, int> _index = new(ReferenceEqualityComparer.Instance);
    private long _handed;

    public long[] DecidedAt { get; private set; } = [];

    public long[] HandedAt { get; private set; } = [];

    public long Handed => Interlocked.Read(ref _handed);

    public void Arm(MarketEvent[] events)
    {
        var index = new Dictionary<MarketEvent, int>(events.Length, ReferenceEqualityComparer.Instance);
        for (int i = 0; i < events.Length; i++)
        {
            index[events[i]] = i;
        }

        DecidedAt = new long[events.Length];
        HandedAt = new long[events.Length];
        Interlocked.Exchange(ref _handed, 0);
        _index = index;
    }

    public void Decided(MarketEvent marketEvent)
    {
        if (_index.TryGetValue(marketEvent, out int i))
        {
            DecidedAt[i] = Stopwatch.GetTimestamp();
        }
    }

    public void OnMarketEvent(MarketEvent marketEvent)
    {
        if (_index.TryGetValue(marketEvent, out int i))
        {
            HandedAt[i] = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _handed);
        }
    }

    public void OnOpportunity(Opportunity opportunity)
    {
    }
}
