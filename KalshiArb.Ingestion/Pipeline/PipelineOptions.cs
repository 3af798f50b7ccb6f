using System.ComponentModel.DataAnnotations;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>The channel between feeds and the consumer, and the consumer's timers (section "Pipeline").</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>Events the channel holds before feeds wait (backpressure: feeds wait, nothing is dropped).</summary>
    [Range(1, 10_000_000)]
    public int ChannelCapacity { get; set; } = 100_000;

    /// <summary>
    /// Consumers, each owning the games of one shard (market state, detection and their order); the channel is split
    /// the same way. One per core by default.
    /// </summary>
    [Range(1, 256)]
    public int Consumers { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Events and transitions queued between the consumers and the sinks' thread before a consumer waits for room
    /// (back-pressure: nothing is dropped).
    /// </summary>
    [Range(1, 10_000_000)]
    public int SinkQueueCapacity { get; set; } = 65_536;

    /// <summary>
    /// How long shutdown waits for the sinks to take what is queued for them; past it the items left are counted and
    /// logged as undelivered and shutdown goes on (a stalled sink must not hold the host for ever).
    /// </summary>
    [Range(0.001, 3600)]
    public double SinkDrainTimeoutSeconds { get; set; } = 30;

    /// <summary>How often open opportunities are checked for stale legs.</summary>
    [Range(0.001, 3600)]
    public double SweepIntervalSeconds { get; set; } = 1;
}
