using System.Diagnostics;

namespace KalshiArb.Bench;

/// <summary>
/// Drives a handler with events at a fixed rate on one thread: event i is due at start + i / rate; the thread
/// spins (sleeping when far ahead) until it is due, runs the handler, and records the time from the due time to
/// the handler's return. When the handler falls behind, later events wait, and that wait is counted: no
/// coordinated omission.
/// </summary>
internal static class PacedRun
{
    public static LatencySamples Run<T>(T[] events, double ratePerSecond, Action<T> handle)
    {
        var samples = new LatencySamples(events.Length);
        double ticksPerEvent = Stopwatch.Frequency / ratePerSecond;
        long start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);
        long sleepThreshold = Stopwatch.Frequency / 500;
        for (int i = 0; i < events.Length; i++)
        {
            long due = start + (long)(i * ticksPerEvent);
            long now;
            while ((now = Stopwatch.GetTimestamp()) < due)
            {
                if (due - now > sleepThreshold)
                {
                    Thread.Sleep(1);
                }
                else
                {
                    Thread.SpinWait(20);
                }
            }

            handle(events[i]);
            samples.Add(Stopwatch.GetTimestamp() - due);
        }

        return samples;
    }
}
