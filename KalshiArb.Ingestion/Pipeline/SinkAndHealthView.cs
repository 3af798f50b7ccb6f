using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// A store registered once under its own type, handed to the pipeline as a sink and to the health report as a
/// source. The container disposes every object a factory returns, so handing it the store itself under a second
/// service type would dispose the store twice; this view is not disposable.
/// </summary>
internal sealed class SinkAndHealthView(string name, IPipelineSink sink, IHealthSource health) : IPipelineSink, IHealthSource
{
    /// <summary>The store's own type name, used for its error counters.</summary>
    public string Name { get; } = name;

    public void OnMarketEvent(MarketEvent marketEvent) => sink.OnMarketEvent(marketEvent);

    public void OnOpportunity(Opportunity opportunity) => sink.OnOpportunity(opportunity);

    public ComponentHealth GetHealth() => health.GetHealth();

    public static SinkAndHealthView Of<T>(T component)
        where T : IPipelineSink, IHealthSource
        => new(component.GetType().Name, component, component);
}
