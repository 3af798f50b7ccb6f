namespace KalshiArb.Bench;

/// <summary>How figure 5's producer writes events to the channel.</summary>
internal enum Arrival
{
    /// <summary>Each event at its own due time (start + i / rate), the producer spinning in between: evenly spaced arrivals.</summary>
    Paced,

    /// <summary>Every event due since the producer's last wake-up at once, then a sleep of about a millisecond, as a socket read delivers several.</summary>
    Burst,
}
