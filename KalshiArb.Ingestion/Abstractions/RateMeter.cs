namespace KalshiArb.Ingestion.Abstractions;

/// <summary>
/// Per-second rate of an ever-growing count, measured between samples. Several readers (Health page, REST API)
/// sample it; a window shorter than <see cref="MinWindowSeconds"/> keeps the previous figure rather than
/// reporting the noise of a few milliseconds.
/// </summary>
internal sealed class RateMeter(TimeProvider time)
{
    private const double MinWindowSeconds = 0.2;

    private readonly Lock _gate = new();
    private long _windowStart = time.GetTimestamp();
    private long _windowCount;
    private double _perSecond;

    public double Sample(long count)
    {
        lock (_gate)
        {
            long now = time.GetTimestamp();
            double seconds = time.GetElapsedTime(_windowStart, now).TotalSeconds;
            if (seconds >= MinWindowSeconds)
            {
                _perSecond = (count - _windowCount) / seconds;
                _windowStart = now;
                _windowCount = count;
            }

            return _perSecond;
        }
    }
}
