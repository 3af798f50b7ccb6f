namespace KalshiArb.Bench;

/// <summary>
/// One rate step of figure 5: event->decision and event->last-sink latencies, whether the rate was kept up with, and
/// (paced arrivals) how late the producer's writes were against their due times.
/// </summary>
internal sealed record PipelineStep(int Events, LatencySamples Decision, LatencySamples ToSinks, double LastQuarterMedianMicros, long BlockedWrites, long Handed, double? ProducerLateP99Micros)
{
    /// <summary>No write waited, every event reached the sinks, and the queue did not grow (the last quarter's median stayed small).</summary>
    public bool Sustained => BlockedWrites == 0 && Handed == Events && LastQuarterMedianMicros < 5_000;

    public string Describe() => Format.Inv(
        $"{Events:N0} events, decision p50 {Decision.PercentileMicros(0.5):N1} / p99 {Decision.PercentileMicros(0.99):N1} us, to sinks p50 {ToSinks.PercentileMicros(0.5):N1} / p99 {ToSinks.PercentileMicros(0.99):N1} us, last quarter median {LastQuarterMedianMicros:N1} us, {BlockedWrites:N0} writes waited, {Handed:N0} handed to the last sink{(ProducerLateP99Micros is double late ? Format.Inv($", producer's writes late p99 {late:N1} us") : "")}");
}
