using KalshiArb.Ingestion.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Pipeline;

/// <summary>
/// The Health page's "last minute": values older than a minute no longer count, however rarely the figure is read,
/// and values within it all count.
/// </summary>
public sealed class RecentLatencyTests
{
    [Fact]
    public void Warm_up_stops_counting_a_minute_later_even_when_nothing_read_the_figure_in_between()
    {
        var time = new FakeTimeProvider();
        var recent = new RecentLatency(time, TimeSpan.FromMinutes(1));

        // Warm-up: 100 slow decisions of 500 ms, read while they are recent.
        RecordMany(recent, 100, TimeSpan.FromMilliseconds(500));
        Assert.Equal(500, recent.Snapshot().Percentile(0.99).TotalMilliseconds, 500 * 0.05);

        // Two minutes of 1 ms decisions, never read until the end.
        for (int second = 0; second < 120; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            RecordMany(recent, 10, TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(1, recent.Snapshot().Percentile(0.99).TotalMilliseconds, 1 * 0.05);
        Assert.Equal(1, recent.Snapshot().Percentile(1.0).TotalMilliseconds, 1 * 0.05);
    }

    [Fact]
    public void Every_value_of_the_last_minute_counts()
    {
        var time = new FakeTimeProvider();
        var recent = new RecentLatency(time, TimeSpan.FromMinutes(1));

        // 20 slow values, then 80 fast ones over the next 45 s: all within the minute, so the slow fifth sets the p90.
        RecordMany(recent, 20, TimeSpan.FromMilliseconds(400));
        for (int step = 0; step < 8; step++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            RecordMany(recent, 10, TimeSpan.FromMilliseconds(2));
        }

        Assert.Equal(2, recent.Snapshot().Percentile(0.80).TotalMilliseconds, 2 * 0.05);
        Assert.Equal(400, recent.Snapshot().Percentile(0.90).TotalMilliseconds, 400 * 0.05);

        // Past the minute, the slow ones age out.
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, recent.Snapshot().Percentile(1.0).TotalMilliseconds, 2 * 0.05);
    }

    [Fact]
    public void Nothing_in_the_last_minute_reads_as_zero()
    {
        var time = new FakeTimeProvider();
        var recent = new RecentLatency(time, TimeSpan.FromMinutes(1));
        RecordMany(recent, 5, TimeSpan.FromMilliseconds(3));

        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(TimeSpan.Zero, recent.Snapshot().Percentile(0.99));
    }

    private static void RecordMany(RecentLatency recent, int count, TimeSpan latency)
    {
        for (int i = 0; i < count; i++)
        {
            recent.Record(latency);
        }
    }
}
