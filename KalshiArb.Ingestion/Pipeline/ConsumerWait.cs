namespace KalshiArb.Ingestion.Pipeline;

/// <summary>How a consumer thread waits when its queue is empty (<c>Pipeline:ConsumerWait</c>).</summary>
internal enum ConsumerWait
{
    /// <summary>Spins about 10 µs, then sleeps until a writer wakes it: cheap on shared cores, but an event after a gap pays a kernel wake-up.</summary>
    SpinThenSleep,

    /// <summary>
    /// Never sleeps while running: spins on pause instructions until the next write. Takes a whole core per consumer
    /// (the low-latency trading trade-off), so it needs fewer consumers than cores.
    /// </summary>
    BusySpin,
}
