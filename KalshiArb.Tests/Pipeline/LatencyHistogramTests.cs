using KalshiArb.Ingestion.Pipeline;

namespace KalshiArb.Tests.Pipeline;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Small_values_give_exact_percentiles_by_rank()
    {
        var histogram = new LatencyHistogram();
        // 1..50 ticks once each: the q-th percentile is the value of rank ceil(q * 50).
        for (int ticks = 50; ticks >= 1; ticks--)
        {
            histogram.Record(TimeSpan.FromTicks(ticks));
        }

        Assert.Equal(50, histogram.Count);
        Assert.Equal(TimeSpan.FromTicks(25), histogram.Percentile(0.50)); // ceil(25.0) = 25
        Assert.Equal(TimeSpan.FromTicks(45), histogram.Percentile(0.90)); // ceil(45.0) = 45
        Assert.Equal(TimeSpan.FromTicks(50), histogram.Percentile(0.99)); // ceil(49.5) = 50
        Assert.Equal(TimeSpan.FromTicks(1), histogram.Percentile(0));
        Assert.Equal(TimeSpan.FromTicks(50), histogram.Max);
    }

    [Fact]
    public void A_tail_shows_in_the_high_percentiles_not_in_the_median()
    {
        var histogram = new LatencyHistogram();
        // 990 events at 100 µs and 10 at 50 ms: ranks 1..990 are 100 µs, ranks 991..1000 are 50 ms.
        for (int i = 0; i < 990; i++)
        {
            histogram.Record(TimeSpan.FromMicroseconds(100));
        }

        for (int i = 0; i < 10; i++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(50));
        }

        AssertWithinBucket(TimeSpan.FromMicroseconds(100), histogram.Percentile(0.50));
        AssertWithinBucket(TimeSpan.FromMicroseconds(100), histogram.Percentile(0.99)); // rank 990
        AssertWithinBucket(TimeSpan.FromMilliseconds(50), histogram.Percentile(0.999)); // rank 999
        Assert.Equal(TimeSpan.FromMilliseconds(50), histogram.Percentile(1)); // capped at the true maximum
    }

    [Theory]
    [InlineData(64L)]
    [InlineData(1_000L)]
    [InlineData(123_456_789L)]
    [InlineData(long.MaxValue)]
    public void Every_value_falls_in_a_bucket_whose_upper_edge_is_within_one_thirty_second(long ticks)
    {
        int bucket = LatencyHistogram.BucketOf(ticks);
        long upper = LatencyHistogram.UpperEdge(bucket);
        Assert.True(upper >= ticks, $"upper edge {upper} below {ticks}");
        Assert.True(upper - ticks <= ticks / 32, $"upper edge {upper} more than 1/32 above {ticks}");
        Assert.True(bucket == 0 || LatencyHistogram.UpperEdge(bucket - 1) < ticks, "the previous bucket must end below the value");
    }

    [Fact]
    public void Negative_latency_from_clock_skew_counts_as_zero()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.FromMilliseconds(-3));
        Assert.Equal(TimeSpan.Zero, histogram.Percentile(0.5));
        Assert.Equal(1, histogram.Count);
    }

    [Fact]
    public async Task Concurrent_recording_loses_no_sample()
    {
        var histogram = new LatencyHistogram();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                histogram.Record(TimeSpan.FromTicks(i));
            }
        })));

        Assert.Equal(40_000, histogram.Count);
        Assert.Equal(TimeSpan.FromTicks(9_999), histogram.Max);
    }

    private static void AssertWithinBucket(TimeSpan expected, TimeSpan actual)
        => Assert.InRange(actual.Ticks, expected.Ticks, expected.Ticks + (expected.Ticks / 32));
}
