namespace KalshiArb.Ingestion.Feeds;

/// <summary>
/// Retry delays for the feeds: doubling from <c>min</c> up to <c>max</c>, with "equal jitter" (half fixed,
/// half random) so many clients that lost the same venue do not reconnect in lockstep.
/// </summary>
internal static class ExponentialBackoff
{
    /// <param name="attempt">0 for the first retry.</param>
    /// <param name="random">A uniform sample in [0, 1); injected so the function stays pure and testable.</param>
    public static TimeSpan Delay(int attempt, TimeSpan min, TimeSpan max, double random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        if (max < min)
        {
            max = min;
        }

        // Cap the exponent: 2^30 already dwarfs any sane max, and avoids overflow.
        double ceiling = Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        double jittered = (ceiling / 2) + (ceiling / 2 * Math.Clamp(random, 0, 1));
        return TimeSpan.FromMilliseconds(jittered);
    }
}
