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
        events.OrderBy(e => e.ReceivedAt).ThenBy(e => e.Accept(SameInstant.Order)).ThenBy(e => e.ExchangeTs).ToList();

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

    /// <summary>An event's place among those received in the same instant: its rank, then its sequence within the rank.</summary>
    private sealed class SameInstant : IMarketEventVisitor<(int Rank, long Seq)>
    {
        public static readonly SameInstant Order = new();

        public (int Rank, long Seq) VisitBookSnapshot(BookSnapshot bookSnapshot) => (0, bookSnapshot.Seq);

        public (int Rank, long Seq) VisitBookDelta(BookDelta bookDelta) => (1, bookDelta.Seq);

        public (int Rank, long Seq) VisitKalshiTick(KalshiTick kalshiTick) => (2, 0);

        public (int Rank, long Seq) VisitMarketStatusChanged(MarketStatusChanged marketStatusChanged) => (3, 0);

        public (int Rank, long Seq) VisitBookIntegrityChanged(BookIntegrityChanged bookIntegrityChanged) => (4, 0);

        public (int Rank, long Seq) VisitSportsbookQuote(SportsbookQuote sportsbookQuote) => (5, 0);

        // A replay reads none of these; last should one ever be given.
        public (int Rank, long Seq) VisitKalshiTrade(KalshiTrade kalshiTrade) => (5, 0);

        public (int Rank, long Seq) VisitMarketCloseTimeChanged(MarketCloseTimeChanged marketCloseTimeChanged) => (5, 0);

        public (int Rank, long Seq) VisitEventFeeOverrideChanged(EventFeeOverrideChanged eventFeeOverrideChanged) => (5, 0);
    }
}
