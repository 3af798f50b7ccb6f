using System.Collections.Immutable;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Replay;

/// <summary>
/// One stored event applied, and the detector's evaluation right after it, at its receive time: the Kalshi asks of
/// the opportunity's side, every book's latest quote of the mapped market, and the recomputed figures of the
/// opportunity (null with <paramref name="Problem"/> when the state does not support it). <paramref name="Checks"/>
/// are the logged rows reproduced at this step.
/// </summary>
public sealed record ReplayStep(
    int Index,
    MarketEvent Event,
    KalshiAsks? Asks,
    ImmutableArray<SportsbookQuote> Quotes,
    ReplayFigures? Recomputed,
    string? Problem,
    IReadOnlyList<ReplayCheck> Checks)
{
    public DateTime At => Event.ReceivedAt;
}
