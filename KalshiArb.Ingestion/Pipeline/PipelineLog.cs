using Microsoft.Extensions.Logging;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>The pipeline's log messages (source-generated). Failures are logged at 1, 10, 100, ... so a steady fault cannot flood the log.</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Market state or detection failed on {EventType} ({Failures} failures so far)")]
    public static partial void ProcessingFailed(ILogger logger, Exception exception, string eventType, long failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stale sweep failed ({Failures} processing failures so far)")]
    public static partial void SweepFailed(ILogger logger, Exception exception, long failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sink {Sink} failed ({Failures} failures so far)")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string sink, long failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pipeline started: {Consumers} consumer threads waiting by {Wait}, pinned to CPUs [{Cpus}], sinks on their own thread")]
    public static partial void ConsumersStarted(ILogger logger, int consumers, ConsumerWait wait, string cpus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pipeline:PinConsumers is set but pinning threads to cores is supported on Linux only, not on {Os}: the consumers run unpinned")]
    public static partial void PinningUnsupported(ILogger logger, string os);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer of shard {Shard} could not be pinned to CPU {Cpu} (error {Error}): it runs unpinned")]
    public static partial void PinningFailed(ILogger logger, int shard, int cpu, int error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pipeline stopped: {Read} events read from the channel, {Left} left in it")]
    public static partial void ConsumersStopped(ILogger logger, long read, int left);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sinks not drained within {TimeoutSeconds} s at shutdown: {Left} events and transitions left undelivered to the sinks {Sinks}; still inside {Stalled}")]
    public static partial void SinksNotDrained(ILogger logger, double timeoutSeconds, long left, string sinks, string stalled);

    /// <summary>True at 1, 10, 100, ...: the counts at which a repeating failure is logged.</summary>
    public static bool IsPowerOfTen(long value)
    {
        while (value >= 10 && value % 10 == 0)
        {
            value /= 10;
        }

        return value == 1;
    }
}
