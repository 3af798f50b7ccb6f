using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Abstractions;

/// <summary>
/// Where the pipeline's single consumer hands every accepted event and every opportunity transition
/// (QuestDB writer, Redis hot cache, live stream). Called on the hot path: implementations must not block;
/// they buffer and do their I/O elsewhere.
/// </summary>
public interface IPipelineSink
{
    void OnMarketEvent(MarketEvent marketEvent);

    void OnOpportunity(Opportunity opportunity);
}
