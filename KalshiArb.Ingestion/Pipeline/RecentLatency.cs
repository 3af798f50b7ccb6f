namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// Latency percentiles over the last complete window (one minute by default), so the Health page shows how the
/// pipeline does now rather than a figure still dominated by start-up warm-up. Until a window completes, the
/// window in progress is reported.
/// </summary>
internal sealed class RecentLatency(TimeProvider time, TimeSpan? window = null)
{
    private readonly TimeSpan _window = window ?? TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private LatencyHistogram _current = new();
    private LatencyHistogram? _completed;
    private long _windowStart = time.GetTimestamp();

    public void Record(TimeSpan latency) => Volatile.Read(ref _current).Record(latency);

    public TimeSpan Percentile(double quantile) => Reported().Percentile(quantile);

    private LatencyHistogram Reported()
    {
        lock (_gate)
        {
            if (time.GetElapsedTime(_windowStart) >= _window)
            {
                _completed = Interlocked.Exchange(ref _current, new LatencyHistogram());
                _windowStart = time.GetTimestamp();
            }

            return _completed ?? _current;
        }
    }
}
