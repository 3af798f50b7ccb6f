using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// The in-process live stream: opportunity transitions and market-state changes as they leave the
/// pipeline. Subscribers (the dashboard's live stream) must return quickly: they are
/// called on the pipeline's consumer thread.
/// </summary>
public sealed class LiveUpdates : IPipelineSink
{
    public event Action<Opportunity>? OpportunityChanged;

    public event Action<MarketEvent>? MarketChanged;

    public void OnMarketEvent(MarketEvent marketEvent) => MarketChanged?.Invoke(marketEvent);

    public void OnOpportunity(Opportunity opportunity) => OpportunityChanged?.Invoke(opportunity);
}
