using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Tests.Pipeline;

/// <summary>A sink that fails on every call, as a store that lost its connection might.</summary>
internal sealed class ThrowingSink : IPipelineSink
{
    public void OnMarketEvent(MarketEvent marketEvent) => throw new InvalidOperationException("sink down");

    public void OnOpportunity(Opportunity opportunity) => throw new InvalidOperationException("sink down");
}
