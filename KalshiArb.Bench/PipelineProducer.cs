using System.Diagnostics;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pipeline;

namespace KalshiArb.Bench;

/// <summary>
/// Figure 5's feed: writes a step's events to the channel at a rate, paced or in bursts (<see cref="Arrival"/>), stamping
/// each event's write. A write that finds the channel full waits (as a feed does) and is counted. For paced arrivals it
/// also records how late each write was against its due time, so a producer that could not keep its pace shows.
/// It runs on a thread of its own, pinned to <c>cpu</c> when given: a paced producer spins, and on a core shared
/// with a busy-spinning consumer the two would take turns in scheduler slices of milliseconds.
/// </summary>
internal sealed class PipelineProducer(MarketEventChannel channel, MarketEvent[] events, int? cpu)
{
    public long[] WrittenAt { get; } = new long[events.Length];

    public long BlockedWrites { get; private set; }

    /// <summary>Paced arrivals only: from each event's due time to its write.</summary>
    public LatencySamples? Lateness { get; private set; }

    public void Run(Arrival arrival, double rate)
    {
        var thread = new Thread(() =>
        {
            if (cpu is int core && CpuAffinity.PinCurrentThread(core) != 0)
            {
                throw new InvalidOperationException($"could not pin the producer to CPU {core}");
            }

            Produce(arrival, rate);
        })
        { Name = "bench-producer" };
        thread.Start();
        thread.Join();
    }

    private void Produce(Arrival arrival, double rate)
    {
        if (arrival == Arrival.Paced)
        {
            int[] order = [.. Enumerable.Range(0, events.Length)];
            Lateness = PacedRun.Run(order, rate, Write);
            return;
        }

        BurstRun.Run(events.Length, rate, Write);
    }

    private void Write(int i)
    {
        WrittenAt[i] = Stopwatch.GetTimestamp();
        if (!channel.Writer.TryWrite(events[i]))
        {
            BlockedWrites++;
            channel.Writer.WriteAsync(events[i]).AsTask().GetAwaiter().GetResult();
        }
    }
}
