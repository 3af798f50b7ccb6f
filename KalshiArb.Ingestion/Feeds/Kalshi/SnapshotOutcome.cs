namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>
/// What an order-book snapshot did to its subscription's sequence: <paramref name="Restored"/> when it made its
/// market's book whole again, <paramref name="Gap"/> when it was not the next number of a running sequence, and
/// the other markets whose books that gap made untrustworthy.
/// </summary>
internal sealed record SnapshotOutcome(bool Restored, bool Gap, IReadOnlyList<string> Lost);
