using System.Diagnostics;

namespace KalshiArb.Bench;

/// <summary>Every latency sample of a run in Stopwatch ticks, kept whole so percentiles are exact (nearest rank), not estimated.</summary>
public sealed class LatencySamples(int capacity)
{
    private long[] _ticks = new long[Math.Max(capacity, 16)];
    private bool _sorted;

    public int Count { get; private set; }

    public void Add(long stopwatchTicks)
    {
        if (Count == _ticks.Length)
        {
            Array.Resize(ref _ticks, _ticks.Length * 2);
        }

        _ticks[Count++] = stopwatchTicks;
        _sorted = false;
    }

    /// <summary>The samples in the order they were added; only before a percentile has sorted them.</summary>
    public long[] CopyInArrivalOrder()
    {
        if (_sorted)
        {
            throw new InvalidOperationException("the samples were already sorted for percentiles");
        }

        return _ticks.AsSpan(0, Count).ToArray();
    }

    /// <summary>Nearest-rank percentile in microseconds; <paramref name="fraction"/> 0.99 for p99.</summary>
    public double PercentileMicros(double fraction)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        if (!_sorted)
        {
            Array.Sort(_ticks, 0, Count);
            _sorted = true;
        }

        int rank = (int)Math.Ceiling(fraction * Count);
        return ToMicros(_ticks[Math.Clamp(rank - 1, 0, Count - 1)]);
    }

    public double MeanMicros()
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        for (int i = 0; i < Count; i++)
        {
            sum += _ticks[i];
        }

        return ToMicros(sum / Count);
    }

    public static double ToMicros(double stopwatchTicks) => stopwatchTicks * 1_000_000.0 / Stopwatch.Frequency;

    public static long FromMicros(double micros) => (long)(micros * Stopwatch.Frequency / 1_000_000.0);
}
