using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Detection;

/// <summary>
/// What <see cref="MappingPricer"/> keeps per Kalshi ticker, found with one lookup per pricing: the board its mapping
/// read last time (valid while the mapping is the same instance) and its four remembered book walks.
/// </summary>
internal sealed class PricedTicker
{
    private readonly WalkMemo[] _walks = [new(), new(), new(), new()];

    /// <summary>The mapping <see cref="Board"/> was found for; null until the first pricing with a mapping.</summary>
    public EventMapping? BoardFor { get; set; }

    public QuoteBoard? Board { get; set; }

    public WalkMemo Walk(Side side, OpportunityKind kind) => _walks[((int)side * 2) + (int)kind];
}
