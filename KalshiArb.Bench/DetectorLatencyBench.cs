using System.Diagnostics;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Bench;

/// <summary>
/// Figure 3: event to decision with the real market state and detector at 5,000 markets x 20 books, paced at
/// 1k, 10k and 100k events/s on one thread (the pipeline has one consumer). Latency runs from each event's due
/// time to the detector's answer, so time spent waiting behind slower events counts.
/// </summary>
internal static class DetectorLatencyBench
{
    private const double P99GoalMicros = 50;

    public static IEnumerable<BenchFigure> Run(bool quick)
    {
        DetectorWorkload workload = DetectorWorkload.Create(seed: 7, DateTime.UtcNow);
        (double Rate, double Seconds)[] runs = quick
            ? [(1_000, 3), (10_000, 2), (100_000, 1)]
            : [(1_000, 15), (10_000, 10), (100_000, 5)];
        // Warm-up, unpaced: the JIT tiers the hot paths up before anything is measured.
        foreach (MarketEvent e in workload.Stream(30_000, DateTime.UtcNow))
        {
            if (workload.State.Apply(e))
            {
                workload.Detector.OnEvent(e);
            }
        }

        foreach ((double rate, double seconds) in runs)
        {
            MarketEvent[] events = workload.Stream((int)(rate * seconds), DateTime.UtcNow);
            var service = new LatencySamples(events.Length);
            LatencySamples latency = PacedRun.Run(events, rate, e =>
            {
                long started = Stopwatch.GetTimestamp();
                if (workload.State.Apply(e))
                {
                    workload.Detector.OnEvent(e);
                }

                service.Add(Stopwatch.GetTimestamp() - started);
            });
            double p99 = latency.PercentileMicros(0.99);
            bool met = p99 < P99GoalMicros;
            double capacity = 1e6 / service.MeanMicros();
            string note = Format.Inv($"{events.Length:N0} events; compute alone p50 {service.PercentileMicros(0.5):F1} / p99 {service.PercentileMicros(0.99):F1} us, mean {service.MeanMicros():F1} us (one thread keeps up with about {capacity:N0} events/s)");
            if (!met)
            {
                note += "; " + Format.Shortfall(p99, P99GoalMicros, higherIsBetter: false)
                    + (capacity < rate
                        ? Format.Inv($": offered {rate:N0}/s exceeds what one consumer thread computes, so events queue behind each other")
                        : ": tail of the compute time (quotes re-price a game over 20 books; GC pauses and the other loads of this 2-core machine)");
            }

            yield return new BenchFigure(
                Format.Inv($"3. Detector event->decision @ {rate:N0}/s"),
                Format.Inv($"{latency.PercentileMicros(0.5):F1} / {p99:F1} / {latency.PercentileMicros(0.999):F1}"),
                "us p50/p99/p99.9", "p99 < 50 us", met ? GoalVerdict.Met : GoalVerdict.NotMet, note);
        }
    }
}
