using System.Diagnostics;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pipeline;

namespace KalshiArb.Bench;

/// <summary>
/// One run of figure 5's rate ladder on a running pipeline: each step writes a few seconds of events at a rate
/// (<see cref="PipelineProducer"/>), then reads event->decision and event->last-sink for every one of them. Reports the
/// decision latency at the headline rates, with the goal beside it, and the highest rate sustained.
/// </summary>
internal static class PipelineLadder
{
    private const double P99GoalMicros = 50;
    private const double CeilingGoal = 100_000;
    private static readonly double[] Ladder = [1_000, 10_000, 20_000, 50_000, 75_000, 100_000, 150_000, 200_000];
    private static readonly double[] Reported = [1_000, 10_000, 50_000, 100_000];

    /// <param name="label">Arrivals, profile and store, as the figures name them.</param>
    /// <param name="producerCpu">The core the producer is pinned to, or null to leave it to the scheduler.</param>
    public static IReadOnlyList<BenchFigure> Run(string label, DetectorWorkload workload, MarketEventChannel channel, EventStamps stamps, Arrival arrival, int? producerCpu, bool quick)
    {
        var figures = new List<BenchFigure>();
        double seconds = quick ? 2 : 5;
        double sustained = 0;
        string failed = "";
        foreach (double rate in Ladder)
        {
            if (failed.Length > 0 && !Reported.Contains(rate))
            {
                continue;
            }

            PipelineStep step = Step(workload, channel, stamps, arrival, producerCpu, rate, seconds);
            Console.Error.WriteLine(Format.Inv($"  {label} @ {rate:N0}/s: {step.Describe()}"));
            if (step.Sustained && failed.Length == 0)
            {
                sustained = rate;
            }
            else if (failed.Length == 0)
            {
                failed = Format.Inv($"{rate:N0}/s: {step.Describe()}");
            }

            if (Reported.Contains(rate))
            {
                double p99 = step.Decision.PercentileMicros(0.99);
                (string value, string unit) = Format.Latencies("p50/p99/p99.9", step.Decision.PercentileMicros(0.5), p99, step.Decision.PercentileMicros(0.999));
                figures.Add(new BenchFigure(
                    Format.Inv($"5. Pipeline event->decision @ {rate:N0}/s, {label}"), value, unit, "p99 < 50 us",
                    p99 < P99GoalMicros ? GoalVerdict.Met : GoalVerdict.NotMet, step.Describe()));
            }
        }

        figures.Add(new BenchFigure(
            $"5. Pipeline, highest sustained rate, {label}", Format.N0(sustained), "events/s", "> 100,000",
            sustained > CeilingGoal ? GoalVerdict.Met : GoalVerdict.NotMet,
            Format.Inv($"a step is sustained when no write waited and the last quarter of its events waited under 5 ms (median), i.e. the queue did not grow; {(failed.Length > 0 ? "first step not sustained: " + failed : "every step of the ladder was sustained")}")));
        return figures;
    }

    private static PipelineStep Step(DetectorWorkload workload, MarketEventChannel channel, EventStamps stamps, Arrival arrival, int? producerCpu, double rate, double seconds)
    {
        MarketEvent[] events = workload.Stream((int)(rate * seconds), DateTime.UtcNow);
        stamps.Arm(events);
        var producer = new PipelineProducer(channel, events, producerCpu);
        producer.Run(arrival, rate);

        long waitUntil = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (stamps.Handed < events.Length && Stopwatch.GetTimestamp() < waitUntil)
        {
            Thread.Sleep(5);
        }

        var decided = new LatencySamples(events.Length);
        var handed = new LatencySamples(events.Length);
        var lastQuarter = new LatencySamples(events.Length / 4);
        for (int i = 0; i < events.Length; i++)
        {
            long written = producer.WrittenAt[i];
            decided.Add((stamps.DecidedAt[i] == 0 ? waitUntil : stamps.DecidedAt[i]) - written);
            long waited = (stamps.HandedAt[i] == 0 ? waitUntil : stamps.HandedAt[i]) - written;
            handed.Add(waited);
            if (i >= events.Length * 3 / 4)
            {
                lastQuarter.Add(waited);
            }
        }

        return new PipelineStep(events.Length, decided, handed, lastQuarter.PercentileMicros(0.5), producer.BlockedWrites, stamps.Handed, producer.Lateness?.PercentileMicros(0.99));
    }
}
