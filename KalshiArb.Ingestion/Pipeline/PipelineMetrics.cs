using System.Collections.Concurrent;
using System.Globalization;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// What the pipeline's consumer reports: events processed and per second, the channel's depth and the time
/// feeds waited on it, tick-to-decision latency (from our receive time to the detector's answer, queueing
/// included) and the detector's own compute time, and errors counted per sink instead of stopping the pipeline.
/// </summary>
internal sealed class PipelineMetrics(MarketEventChannel channel, TimeProvider time) : IHealthSource
{
    private readonly ConcurrentDictionary<string, long> _sinkErrors = new(StringComparer.Ordinal);
    private readonly RateMeter _rate = new(time);
    private long _processed;
    private long _processingErrors;
    private long _opportunityTransitions;
    private long _pricedTogether;
    private long _sweeps;
    private long _sinkErrorsAtLastHealth;
    private int _pinnedConsumers;

    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>Events the market state or detector failed on (the event still went to the sinks).</summary>
    public long ProcessingErrors => Interlocked.Read(ref _processingErrors);

    public long OpportunityTransitions => Interlocked.Read(ref _opportunityTransitions);

    /// <summary>Events priced in one pass with the event after them (same <see cref="Detection.PricingScope"/>) instead of on their own.</summary>
    public long PricedTogether => Interlocked.Read(ref _pricedTogether);

    public long Sweeps => Interlocked.Read(ref _sweeps);

    public long SinkErrors => _sinkErrors.Values.Sum();

    public IReadOnlyDictionary<string, long> SinkErrorsBySink => new Dictionary<string, long>(_sinkErrors, StringComparer.Ordinal);

    /// <summary>From our receive stamp to the detector's decision, time spent in the channel included.</summary>
    public LatencyHistogram DecisionLatency { get; } = new();

    /// <summary>Market-state update plus detection of the pass each event was decided in (a run of one pricing scope is one pass).</summary>
    public LatencyHistogram DetectLatency { get; } = new();

    /// <summary><see cref="DecisionLatency"/> over the last minute, for the Health page.</summary>
    public RecentLatency RecentDecisionLatency { get; } = new(time);

    /// <summary><see cref="DetectLatency"/> over the last minute, for the Health page.</summary>
    public RecentLatency RecentDetectLatency { get; } = new(time);

    public MarketEventChannel Channel { get; } = channel;

    /// <summary>The queue in front of the sinks, when the pipeline runs one (it registers itself).</summary>
    public SinkQueue? SinkQueue { get; internal set; }

    /// <summary>How the consumer threads wait for events (set as they start).</summary>
    public ConsumerWait ConsumerWait { get; internal set; }

    /// <summary>Consumer threads pinned to a core.</summary>
    public int PinnedConsumers => Volatile.Read(ref _pinnedConsumers);

    /// <summary>Called on the consumer's thread the moment each event is decided; lets the bench stamp decisions per event.</summary>
    internal Action<MarketEvent>? DecisionObserved { get; set; }

    internal void EventProcessed() => Interlocked.Increment(ref _processed);

    internal void Decided(MarketEvent marketEvent, TimeSpan detect, TimeSpan decision)
    {
        DecisionObserved?.Invoke(marketEvent);
        DetectLatency.Record(detect);
        RecentDetectLatency.Record(detect);
        DecisionLatency.Record(decision);
        RecentDecisionLatency.Record(decision);
    }

    internal void ConsumerPinned() => Interlocked.Increment(ref _pinnedConsumers);

    internal long ProcessingFailed() => Interlocked.Increment(ref _processingErrors);

    internal void OpportunityEmitted() => Interlocked.Increment(ref _opportunityTransitions);

    internal void EventsPricedTogether(int events)
    {
        if (events > 0)
        {
            Interlocked.Add(ref _pricedTogether, events);
        }
    }

    internal void Swept() => Interlocked.Increment(ref _sweeps);

    internal long SinkFailed(string sink) => _sinkErrors.AddOrUpdate(sink, 1, (_, count) => count + 1);

    /// <summary>Events per second since the previous call.</summary>
    public double SampleRate() => _rate.Sample(Processed);

    public ComponentHealth GetHealth()
    {
        double rate = SampleRate();
        int depth = Channel.Depth;
        long sinkErrors = SinkErrors;
        long newSinkErrors = sinkErrors - Interlocked.Exchange(ref _sinkErrorsAtLastHealth, sinkErrors);
        LatencyHistogram decision = RecentDecisionLatency.Snapshot();
        LatencyHistogram detect = RecentDetectLatency.Snapshot();
        var figures = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["events_processed"] = Processed,
            ["events_per_s"] = rate,
            ["queue_depth"] = depth,
            ["queue_capacity"] = Channel.Capacity,
            ["events_written"] = Channel.Written,
            ["blocked_writes"] = Channel.BlockedWrites,
            ["blocked_ms"] = Channel.BlockedTime.TotalMilliseconds,
            ["dropped"] = 0,
            ["consumers"] = Channel.Shards,
            ["consumer_busy_spin"] = ConsumerWait == ConsumerWait.BusySpin ? 1 : 0,
            ["consumers_pinned"] = PinnedConsumers,
            ["consumer_sleeps"] = Channel.ConsumerSleeps,
            ["decision_p50_ms"] = decision.Percentile(0.50).TotalMilliseconds,
            ["decision_p90_ms"] = decision.Percentile(0.90).TotalMilliseconds,
            ["decision_p99_ms"] = decision.Percentile(0.99).TotalMilliseconds,
            ["decision_p999_ms"] = decision.Percentile(0.999).TotalMilliseconds,
            ["detect_p50_us"] = detect.Percentile(0.50).TotalMicroseconds,
            ["detect_p99_us"] = detect.Percentile(0.99).TotalMicroseconds,
            ["opportunity_transitions"] = OpportunityTransitions,
            ["priced_together"] = PricedTogether,
            ["processing_errors"] = ProcessingErrors,
            ["sink_errors"] = sinkErrors,
        };
        if (SinkQueue is { } queue)
        {
            figures["sink_queue_depth"] = queue.Depth;
            figures["sink_queue_capacity"] = queue.Capacity;
            figures["sink_queue_full_waits"] = queue.FullWaits;
            figures["sink_queue_undelivered"] = queue.Undelivered;
        }

        foreach ((string sink, long errors) in _sinkErrors)
        {
            figures[$"sink_errors:{sink}"] = errors;
        }

        bool backedUp = depth >= Channel.Capacity * 0.8;
        HealthLevel level = backedUp || newSinkErrors > 0 ? HealthLevel.Degraded : HealthLevel.Healthy;
        string message = string.Create(CultureInfo.InvariantCulture, $"{rate:F0} events/s, queue {depth}/{Channel.Capacity}, {Channel.Shards} consumers ({ConsumerWait}, {PinnedConsumers} pinned), p99 decision {decision.Percentile(0.99).TotalMilliseconds:F2} ms (last minute), nothing dropped");
        if (backedUp)
        {
            message += "; the channel is nearly full, feeds are waiting";
        }

        if (newSinkErrors > 0)
        {
            message += $"; {newSinkErrors} sink errors since the last check";
        }

        return new ComponentHealth("pipeline", level, message, figures, time.GetUtcNow().UtcDateTime);
    }
}
