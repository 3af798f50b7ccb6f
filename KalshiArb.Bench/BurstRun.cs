using System.Diagnostics;

namespace KalshiArb.Bench;

/// <summary>
/// Drives a handler with events 0..count-1 at a rate in bursts, as a feed's socket delivers them: every event due by
/// now at once, then a millisecond's sleep. The average rate is kept; the spacing within a burst is none.
/// </summary>
internal static class BurstRun
{
    public static void Run(int count, double ratePerSecond, Action<int> handle)
    {
        double ticksPerEvent = Stopwatch.Frequency / ratePerSecond;
        long start = Stopwatch.GetTimestamp();
        int next = 0;
        while (next < count)
        {
            long now = Stopwatch.GetTimestamp();
            while (next < count && start + (long)(next * ticksPerEvent) <= now)
            {
                handle(next++);
            }

            Thread.Sleep(1);
        }
    }
}
