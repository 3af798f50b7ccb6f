using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// Event-driven detector: each state change re-evaluates only the mappings it touches and returns the
/// opportunity transitions (open, update, close) it caused. Called on the pipeline's consumer thread,
/// after <see cref="Market.MarketState.Apply"/>.
/// </summary>
public sealed class Detector
{
    public IReadOnlyList<Opportunity> OnEvent(MarketEvent marketEvent) => throw new NotImplementedException();

    /// <summary>Closes opportunities whose legs went stale with no new event; called on a timer (about 1 Hz).</summary>
    public IReadOnlyList<Opportunity> Sweep(DateTime nowUtc) => throw new NotImplementedException();

    /// <summary>A snapshot of the open opportunities (latest transition of each), safe from any thread.</summary>
    public IReadOnlyList<Opportunity> OpenOpportunities => throw new NotImplementedException();
}
