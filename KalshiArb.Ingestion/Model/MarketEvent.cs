namespace KalshiArb.Ingestion.Model;

/// <summary>
/// Anything a feed hands to the pipeline. <paramref name="ExchangeTs"/> is the venue's own timestamp
/// (UTC) and becomes the designated timestamp in storage; <paramref name="ReceivedAt"/> is our local
/// receive time (UTC), kept so latency is measurable per stage.
/// </summary>
public abstract record MarketEvent(DateTime ExchangeTs, DateTime ReceivedAt)
{
    /// <summary>Calls the <paramref name="handler"/> method for this event's type.</summary>
    public abstract void DispatchTo(IMarketEventHandler handler);

    /// <summary>Calls the <paramref name="visitor"/> method for this event's type and returns its answer.</summary>
    /// <remarks>A generic virtual call costs a few nanoseconds more than <see cref="DispatchTo"/>; nothing next to an event's microseconds of work.</remarks>
    public abstract TResult Accept<TResult>(IMarketEventVisitor<TResult> visitor);
}
