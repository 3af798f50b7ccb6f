using System.ComponentModel.DataAnnotations;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>The channel between feeds and the consumers, how the consumers wait, and their timers (section "Pipeline").</summary>
internal sealed class PipelineOptions : IValidatableObject
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

    /// <summary>How a consumer waits for events when its queue is empty; see <see cref="Pipeline.ConsumerWait"/>.</summary>
    public ConsumerWait ConsumerWait { get; set; } = ConsumerWait.SpinThenSleep;

    /// <summary>Pins each consumer thread to a core of its own (Linux only; elsewhere it is logged once and ignored).</summary>
    public bool PinConsumers { get; set; }

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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A spinning consumer per core would leave no core for the feeds and the sinks' thread.
        if (ConsumerWait == ConsumerWait.BusySpin && Consumers >= Environment.ProcessorCount)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(ConsumerWait)}={ConsumerWait.BusySpin} needs {SectionName}:{nameof(Consumers)} ({Consumers}) below the processor count ({Environment.ProcessorCount}): each busy-spinning consumer takes a whole core, and the feeds and the sinks' thread need one.",
                [nameof(ConsumerWait), nameof(Consumers)]);
        }
    }
}
