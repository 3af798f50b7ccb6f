using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Replay;

/// <summary>
/// A replayed opportunity: its logged rows, the mapping it was priced with, the window of stored events
/// [<paramref name="From"/>, <paramref name="To"/>] by receive time, a step per event in it, and a check per logged row.
/// </summary>
public sealed record ReplayResult(
    IReadOnlyList<Opportunity> Logged,
    EventMapping Mapping,
    DateTime From,
    DateTime To,
    IReadOnlyList<ReplayStep> Steps,
    IReadOnlyList<ReplayCheck> Checks)
{
    public bool AllAgree => Checks.Count > 0 && Checks.All(c => c.Agrees);
}
