using KalshiArb.Ingestion.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace KalshiArb.Tests.Pipeline;

public sealed class RecentLatencyTests
{
    [Fact]
    public void Reports_the_window_in_progress_until_one_completes_then_the_last_complete_window()
    {
        var time = new FakeTimeProvider();
        var recent = new RecentLatency(time, TimeSpan.FromMinutes(1));

        // Warm-up: 100 slow decisions of 500 ms, reported while the first minute is in progress.
        for (int i = 0; i < 100; i++)
        {
            recent.Record(TimeSpan.FromMilliseconds(500));
        }

        Assert.Equal(500, recent.Percentile(0.99).TotalMilliseconds, 500 * 0.05);

        // The first minute completes: it stays the reported window while the next one fills with 1 ms decisions.
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(500, recent.Percentile(0.99).TotalMilliseconds, 500 * 0.05);
        for (int i = 0; i < 100; i++)
        {
            recent.Record(TimeSpan.FromMilliseconds(1));
        }

        // The second minute completes: the warm-up no longer shows.
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, recent.Percentile(0.99).TotalMilliseconds, 1 * 0.05);
    }
}
