using System.Diagnostics;
using System.Runtime;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Bench;

/// <summary>
/// Figure 3's allocation counter over a long steady run (60 s unless told otherwise): fresh events of the
/// 5,000-market world through market state and detector as fast as one thread goes, the thread's allocation counter
/// read around each event. Bytes are split between events that changed no opportunity (the steady state, goal 0) and
/// events that emitted transitions (an opportunity record leaves the hot path for the sinks, which may keep it).
/// Each chunk is counted in a no-GC window, the bench's own garbage (the generated events) collected between chunks:
/// with collections free to run, the thread counter read 0 to 8 KB (the size of an allocation context) on about one
/// quiet event in 170,000, tracking the collections' rate and nothing the event did; in no-GC windows it reads 0.
/// </summary>
internal static class DetectorAllocationRun
{
    private const int Chunk = 20_000;

    // Far above a chunk's transition records (about 400 B each, a few hundred per chunk).
    private const long NoGcBudget = 32L << 20;

    public static IEnumerable<BenchFigure> Run(DetectorWorkload workload, double seconds)
    {
        int windows = 0, windowsBroken = 0, chunks = 0;
        long quietEvents = 0, quietBytes = 0, transitionEvents = 0, transitionBytes = 0, transitions = 0;
        int gen0Before = GC.CollectionCount(0);
        long started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started).TotalSeconds < seconds)
        {
            // Generated outside the counted calls: the stream is the bench's, not the product's.
            chunks++;
            MarketEvent[] chunk = workload.Stream(Chunk, DateTime.UtcNow);
            bool noGc = GC.TryStartNoGCRegion(NoGcBudget);
            windows += noGc ? 1 : 0;
            foreach (MarketEvent e in chunk)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                int emitted = workload.State.Apply(e) ? workload.Detector.OnEvent(e).Count : 0;
                long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
                if (emitted == 0)
                {
                    quietEvents++;
                    quietBytes += bytes;
                }
                else
                {
                    transitionEvents++;
                    transitionBytes += bytes;
                    transitions += emitted;
                }
            }

            if (noGc && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
            else
            {
                windowsBroken += noGc ? 1 : 0;
            }
        }

        double elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        long events = quietEvents + transitionEvents;
        double perQuiet = quietBytes / (double)Math.Max(quietEvents, 1);
        double perEvent = (quietBytes + transitionBytes) / (double)Math.Max(events, 1);
        string counted = Format.Inv(
            $"{events:N0} events over {elapsed:N0} s on one thread ({events / elapsed:N0}/s, unpaced), thread allocation counter around state + detector per event; {transitionEvents:N0} events emitted {transitions:N0} transitions and allocated {transitionBytes / (double)Math.Max(transitions, 1):N0} B per transition (the opportunity record, its id and the answer's array); {quietBytes:N0} B in all on the {quietEvents:N0} others; {GC.CollectionCount(0) - gen0Before} gen0 collections in the process, between chunks; {windows} of {chunks} chunks counted in a no-GC window, {windowsBroken} windows ended by a collection");
        yield return new BenchFigure(
            Format.Inv($"3. State + detector allocation, steady ({elapsed:N0} s)"), Format.F2(perQuiet), "B/event", "0",
            quietBytes == 0 ? GoalVerdict.Met : GoalVerdict.NotMet, "events that changed no opportunity; " + counted);
        yield return new BenchFigure(
            Format.Inv($"3. State + detector allocation, all events ({elapsed:N0} s)"), Format.F2(perEvent), "B/event", "(transitions allocate their record)",
            GoalVerdict.Informational, counted);
    }
}
