using System.Threading.Channels;
using KalshiArb.Ingestion.Abstractions;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Feeds.Simulator;

/// <summary>
/// Hands the simulator's moves to the pipeline at a steady rate in real time, stamped with the time they are handed
/// over (strictly increasing by at least a microsecond, QuestDB's resolution). When the pipeline pushes back, writing
/// waits; after such a stall the pace resumes instead of bursting to catch up, so no event is dropped.
/// </summary>
internal static class SimulatorPacer
{
    private static readonly TimeSpan PaceInterval = TimeSpan.FromMilliseconds(10);

    /// <param name="nextMove">The events of the next market move at the given time.</param>
    public static async Task RunAsync(Func<DateTime, List<MarketEvent>> nextMove, int rate, ChannelWriter<MarketEvent> writer, TimeProvider time, FeedMetrics metrics, CancellationToken ct)
    {
        long started = time.GetTimestamp();
        long paced = 0;
        DateTime last = DateTime.MinValue;
        List<MarketEvent>? move = null;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            long due = (long)(time.GetElapsedTime(started).TotalSeconds * rate) + 1;
            paced = Math.Max(paced, due - rate);
            while (true)
            {
                // A move is handed over once its events are due (a move larger than a second's worth, such as
                // the opening snapshots, once its first second is), all stamped with the hand-over time.
                move ??= nextMove(time.GetUtcNow().UtcDateTime);
                if (paced + Math.Min(move.Count, rate) > due)
                {
                    break;
                }

                DateTime now = time.GetUtcNow().UtcDateTime;
                DateTime next = last.AddTicks(TimeSpan.TicksPerMicrosecond);
                last = now >= next ? now : next;
                foreach (MarketEvent generated in move)
                {
                    MarketEvent marketEvent = generated with { ReceivedAt = last };
                    if (!writer.TryWrite(marketEvent))
                    {
                        await writer.WriteAsync(marketEvent, ct).ConfigureAwait(false);
                    }

                    metrics.MessageReceived(marketEvent.ReceivedAt - marketEvent.ExchangeTs);
                }

                paced += move.Count;
                move = null;
            }

            await Task.Delay(PaceInterval, time, ct).ConfigureAwait(false);
        }
    }
}
