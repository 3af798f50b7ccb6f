namespace KalshiArb.Ingestion.Pipeline;

/// <summary>The channel between feeds and the consumer, and the consumer's timers (section "Pipeline").</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>Events the channel holds before feeds wait (backpressure: feeds wait, nothing is dropped).</summary>
    public int ChannelCapacity { get; set; } = 100_000;

    /// <summary>
    /// Consumers, each owning the games of one shard (market state, detection and their order); the channel is split
    /// the same way. One per core by default.
    /// </summary>
    public int Consumers { get; set; } = Environment.ProcessorCount;

    /// <summary>How often open opportunities are checked for stale legs.</summary>
    public double SweepIntervalSeconds { get; set; } = 1;

    /// <summary>How often Kalshi markets and fee schedules are rediscovered over REST (real feed only).</summary>
    public double DiscoveryIntervalMinutes { get; set; } = 10;

    /// <summary>Pause before a feed that stopped with an error is started again.</summary>
    public double FeedRestartDelaySeconds { get; set; } = 5;

    public void Validate()
    {
        if (ChannelCapacity is < 1 or > 10_000_000)
        {
            throw new InvalidOperationException($"Pipeline:ChannelCapacity must be between 1 and 10000000, not {ChannelCapacity}.");
        }

        if (Consumers is < 1 or > 256)
        {
            throw new InvalidOperationException($"Pipeline:Consumers must be between 1 and 256, not {Consumers}.");
        }

        if (SweepIntervalSeconds <= 0 || DiscoveryIntervalMinutes <= 0 || FeedRestartDelaySeconds < 0)
        {
            throw new InvalidOperationException("Pipeline:SweepIntervalSeconds and DiscoveryIntervalMinutes must be positive, FeedRestartDelaySeconds not negative.");
        }
    }
}
