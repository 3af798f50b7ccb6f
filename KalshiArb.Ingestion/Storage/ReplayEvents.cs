using KalshiArb.Ingestion.Model;

namespace KalshiArb.Ingestion.Storage;

/// <summary>The order a replay applies stored events in, and which state changes from before its window still hold in it.</summary>
internal static class ReplayEvents
{
    /// <summary>
    /// By receive time; within one instant (a venue message carrying several changes, an odds poll) the order the
    /// pipeline meets one delivery in: Kalshi book snapshots, deltas by sequence, ticks, status and integrity changes,
    /// then sportsbook quotes by venue time. Tables do not keep the order across them, so this is a convention
    /// (docs/replay.md says how agreement copes with it).
    /// </summary>
    public static List<MarketEvent> InReceiveOrder(IEnumerable<MarketEvent> events) =>
        events.OrderBy(e => e.ReceivedAt).ThenBy(Rank).ThenBy(Seq).ThenBy(e => e.ExchangeTs).ToList();

    /// <summary>The last of <paramref name="ordered"/> received before <paramref name="from"/> (it still holds then), and every one after it.</summary>
    public static IEnumerable<T> CarriedInto<T>(IReadOnlyList<T> ordered, DateTime from, Func<T, DateTime> receivedAt)
    {
        int first = 0;
        for (int i = 0; i < ordered.Count; i++)
        {
            if (receivedAt(ordered[i]) < from)
            {
                first = i;
            }
        }

        return ordered.Skip(first);
    }

    private static int Rank(MarketEvent e) => e switch
    {
        BookSnapshot => 0,
        BookDelta => 1,
        KalshiTick => 2,
        MarketStatusChanged => 3,
        BookIntegrityChanged => 4,
        _ => 5,
    };

    private static long Seq(MarketEvent e) => e switch
    {
        BookSnapshot s => s.Seq,
        BookDelta d => d.Seq,
        _ => 0,
    };
}
