using System.Diagnostics;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Bench;

/// <summary>
/// Figure 3: event to decision with the real market state and detector at 5,000 markets x 20 books, paced at
/// 1k, 10k, 50k and 100k events/s on one thread (one consumer; the pipeline's shards are figure 5). Latency runs from
/// each event's due time to the detector's answer, so time spent waiting behind slower events counts. Then the
/// compute alone over every paced event, the allocation counter over a steady run (<see cref="DetectorAllocationRun"/>)
/// and, in a full run, BenchmarkDotNet (<see cref="DetectorBenchmarks"/>).
/// </summary>
internal static class DetectorLatencyBench
{
    private const double P99GoalMicros = 50;

    public static IEnumerable<BenchFigure> Run(bool quick, double allocationSeconds)
    {
        var computeAll = new LatencySamples(1 << 20);
        DetectorWorkload workload = DetectorWorkload.Create(seed: 7, DateTime.UtcNow);
        (double Rate, double Seconds)[] runs = quick
            ? [(1_000, 3), (10_000, 2), (50_000, 1), (100_000, 0.5)]
            : [(1_000, 15), (10_000, 10), (50_000, 6), (100_000, 5)];
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
            TimeSpan gcPauseBefore = GC.GetTotalPauseDuration();
            int gen2Before = GC.CollectionCount(2);
            var service = new LatencySamples(events.Length);
            var serviceByType = new Dictionary<Type, LatencySamples>();
            var allocations = new AllocationTally();
            LatencySamples latency = PacedRun.Run(events, rate, e =>
            {
                long started = Stopwatch.GetTimestamp();
                long bytes0 = GC.GetAllocatedBytesForCurrentThread();
                bool changed = workload.State.Apply(e);
                long bytes1 = GC.GetAllocatedBytesForCurrentThread();
                if (changed)
                {
                    workload.Detector.OnEvent(e);
                }

                long elapsed = Stopwatch.GetTimestamp() - started;
                allocations.Add(e.GetType(), bytes1 - bytes0, GC.GetAllocatedBytesForCurrentThread() - bytes1);
                service.Add(elapsed);
                computeAll.Add(elapsed);
                if (!serviceByType.TryGetValue(e.GetType(), out LatencySamples? byType))
                {
                    byType = new LatencySamples(events.Length);
                    serviceByType[e.GetType()] = byType;
                }

                byType.Add(elapsed);
            });
            double gcPauseMs = (GC.GetTotalPauseDuration() - gcPauseBefore).TotalMilliseconds;
            int gen2 = GC.CollectionCount(2) - gen2Before;
            double p99 = latency.PercentileMicros(0.99);
            bool met = p99 < P99GoalMicros;
            double capacity = 1e6 / service.MeanMicros();
            string byKind = string.Join(", ", serviceByType.OrderBy(t => t.Key.Name, StringComparer.Ordinal).Select(t => Format.Inv($"{t.Key.Name} {t.Value.PercentileMicros(0.5):F1} / {t.Value.PercentileMicros(0.99):F1} / {t.Value.MeanMicros():F1}")));
            string note = Format.Inv($"{events.Length:N0} events; compute alone p50 {service.PercentileMicros(0.5):F1} / p99 {service.PercentileMicros(0.99):F1} us, mean {service.MeanMicros():F1} us (one thread keeps up with about {capacity:N0} events/s); compute p50 / p99 / mean by event, us: {byKind}; allocated on the thread: {allocations.Describe()} and GC paused the process {gcPauseMs:N0} ms in all ({gen2} gen2 collections)");
            if (!met)
            {
                note += "; " + Format.Shortfall(p99, P99GoalMicros, higherIsBetter: false)
                    + (capacity < rate
                        ? Format.Inv($": offered {rate:N0}/s exceeds what one consumer thread computes, so events queue behind each other")
                        : Format.Inv($": the compute p99 alone is {service.PercentileMicros(0.99):F0} us (a sportsbook quote re-prices every mapping of its game in decimal: devig of each changed book line, consensus, book walks with the fee per fill); the p99 of {p99:N1} us adds waiting behind stalls: {(gcPauseMs > 0 ? "GC pauses and " : "")}the thread descheduled (the paced driver's floor below)"));
            }

            (string value, string unit) = Format.Latencies("p50/p99/p99.9", latency.PercentileMicros(0.5), p99, latency.PercentileMicros(0.999));
            yield return new BenchFigure(
                Format.Inv($"3. Detector event->decision @ {rate:N0}/s"), value, unit, "p99 < 50 us", met ? GoalVerdict.Met : GoalVerdict.NotMet, note);
        }

        // The same driver at 10,000/s with nothing to do: what the machine (scheduler, hypervisor, timer) adds under
        // every event->decision figure above, which no change to the detector can remove.
        double floorSeconds = runs.Single(r => r.Rate == 10_000).Seconds;
        LatencySamples floor = PacedRun.Run(new int[(int)(10_000 * floorSeconds)], 10_000, static _ => { });
        (string floorValue, string floorUnit) = Format.Latencies(
            "p50/p99/p99.9", floor.PercentileMicros(0.5), floor.PercentileMicros(0.99), floor.PercentileMicros(0.999));
        yield return new BenchFigure(
            "3. Paced driver alone, empty handler @ 10,000/s", floorValue, floorUnit, "(the floor)", GoalVerdict.Informational,
            Format.Inv($"{floor.Count:N0} due times, nothing handled; max {floor.PercentileMicros(1.0):N1} us"));

        double computeP99 = computeAll.PercentileMicros(0.99);
        (string computeValue, string computeUnit) = Format.Latencies(
            "p50/p99/p99.9", computeAll.PercentileMicros(0.5), computeP99, computeAll.PercentileMicros(0.999));
        yield return new BenchFigure(
            "3. Detector compute alone (every paced event)", computeValue, computeUnit, "p99 < 50 us",
            computeP99 < P99GoalMicros ? GoalVerdict.Met : GoalVerdict.NotMet,
            Format.Inv($"state + detector per event, no queueing, {computeAll.Count:N0} events of the four runs above, mean {computeAll.MeanMicros():F1} us"));
        foreach (BenchFigure figure in DetectorAllocationRun.Run(workload, allocationSeconds))
        {
            yield return figure;
        }

        if (!quick)
        {
            (double nsPerEvent, double? bytesPerEvent) = InProcessBenchmark.Run<DetectorBenchmarks>();
            yield return new BenchFigure(
                "3. Detector compute (BenchmarkDotNet)", Format.F1(nsPerEvent / 1000), "us/event mean", "(p99 < 50 us)", GoalVerdict.Informational,
                "state + detector over fresh events, 20,000 per invocation, in-process toolchain");
            if (bytesPerEvent is { } bytes)
            {
                yield return new BenchFigure(
                    "3. State + detector allocation (BenchmarkDotNet)", Format.F2(bytes), "B/event", "0",
                    bytes < 0.01 ? GoalVerdict.Met : GoalVerdict.NotMet, "memory diagnoser, all events including those that emit transitions");
            }
        }
    }
}
