using System.Numerics;

namespace KalshiArb.Ingestion.Pipeline;

/// <summary>
/// A lock-free latency histogram with log-linear buckets over 100 ns ticks: values below 64 ticks are exact,
/// above that each power of two is split into 32 buckets, so a percentile is reported with at most 1/32
/// (about 3%) relative error and never below the true value. Percentiles are read from the whole distribution
/// (rank over bucket counts), not averaged. Recording is safe from any thread.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 5;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int ExactLimit = SubBuckets * 2;
    private const int BucketCount = ExactLimit + ((63 - (SubBucketBits + 1)) * SubBuckets);

    private readonly long[] _counts = new long[BucketCount];
    private long _total;
    private long _maxTicks;

    public long Count => Interlocked.Read(ref _total);

    public TimeSpan Max => TimeSpan.FromTicks(Interlocked.Read(ref _maxTicks));

    /// <summary>Records one latency; negative values (clock skew between stamps) count as zero.</summary>
    public void Record(TimeSpan latency)
    {
        long ticks = Math.Max(0, latency.Ticks);
        Interlocked.Increment(ref _counts[BucketOf(ticks)]);
        Interlocked.Increment(ref _total);
        RaiseMax(ticks);
    }

    /// <summary>Adds <paramref name="other"/>'s values to this one's.</summary>
    public void Add(LatencyHistogram other)
    {
        for (int bucket = 0; bucket < BucketCount; bucket++)
        {
            long count = Interlocked.Read(ref other._counts[bucket]);
            if (count != 0)
            {
                Interlocked.Add(ref _counts[bucket], count);
                Interlocked.Add(ref _total, count);
            }
        }

        RaiseMax(other.Max.Ticks);
    }

    /// <summary>Forgets every value. A value recorded on another thread meanwhile may be kept or lost.</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        Interlocked.Exchange(ref _total, 0);
        Interlocked.Exchange(ref _maxTicks, 0);
    }

    /// <summary>
    /// The smallest recorded value v such that at least <paramref name="quantile"/> of the values are at most v,
    /// rounded up to its bucket's upper edge and capped at the maximum. Zero when nothing was recorded.
    /// </summary>
    public TimeSpan Percentile(double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        long total = Count;
        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (int bucket = 0; bucket < BucketCount; bucket++)
        {
            seen += Interlocked.Read(ref _counts[bucket]);
            if (seen >= rank)
            {
                return TimeSpan.FromTicks(Math.Min(UpperEdge(bucket), Max.Ticks));
            }
        }

        return Max;
    }

    private void RaiseMax(long ticks)
    {
        long max = Interlocked.Read(ref _maxTicks);
        while (ticks > max)
        {
            long seen = Interlocked.CompareExchange(ref _maxTicks, ticks, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    internal static int BucketOf(long ticks)
    {
        if (ticks < ExactLimit)
        {
            return (int)ticks;
        }

        int magnitude = BitOperations.Log2((ulong)ticks);
        int shift = magnitude - SubBucketBits;
        return ExactLimit + ((magnitude - (SubBucketBits + 1)) * SubBuckets) + (int)((ticks >> shift) - SubBuckets);
    }

    /// <summary>The largest tick count that falls in <paramref name="bucket"/>.</summary>
    internal static long UpperEdge(int bucket)
    {
        if (bucket < ExactLimit)
        {
            return bucket;
        }

        int octave = (bucket - ExactLimit) / SubBuckets;
        int sub = (bucket - ExactLimit) % SubBuckets;
        int shift = octave + 1;
        long lower = (long)(SubBuckets + sub) << shift;
        return lower + (1L << shift) - 1;
    }
}
