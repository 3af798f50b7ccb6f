using KalshiArb.Ingestion.Feeds;

namespace KalshiArb.Tests.Feeds;

public sealed class ExponentialBackoffTests
{
    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    [Theory]
    // Ceiling = min(30 s, 0.5 s × 2^attempt); equal jitter gives ceiling/2 + ceiling/2 × random.
    [InlineData(0, 0.0, 250)]
    [InlineData(0, 0.999999, 500)]
    [InlineData(3, 0.5, 3000)]    // ceiling 4 s -> 2 s + 1 s
    [InlineData(6, 0.0, 15000)]   // ceiling min(32 s, 30 s) = 30 s -> 15 s
    [InlineData(1000, 1.0, 30000)]
    public void Delay_doubles_up_to_the_cap_with_equal_jitter(int attempt, double random, double expectedMs)
    {
        Assert.Equal(expectedMs, ExponentialBackoff.Delay(attempt, Min, Max, random).TotalMilliseconds, 0.01);
    }
}
