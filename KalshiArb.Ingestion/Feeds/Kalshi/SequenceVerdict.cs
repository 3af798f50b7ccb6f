namespace KalshiArb.Ingestion.Feeds.Kalshi;

/// <summary>What to do with an order-book delta, given the sequence so far.</summary>
internal enum SequenceVerdict
{
    /// <summary>In sequence and the market's book is whole: apply it.</summary>
    Apply,

    /// <summary>A sequence number was skipped (or repeated): the subscription's books are no longer whole.</summary>
    Gap,

    /// <summary>In sequence, but the market waits for a fresh snapshot: drop the delta, the snapshot supersedes it.</summary>
    AwaitingSnapshot,
}
