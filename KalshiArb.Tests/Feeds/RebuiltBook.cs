using KalshiArb.Ingestion.Model;

namespace KalshiArb.Tests.Feeds;

/// <summary>A book rebuilt from the events a feed emitted, as a consumer would rebuild it.</summary>
internal static class RebuiltBook
{
    /// <summary>Replays the snapshot (the latest) and the deltas after it, as a consumer would.</summary>
    public static (Dictionary<decimal, decimal> Yes, Dictionary<decimal, decimal> No) Of(IReadOnlyList<MarketEvent> events)
    {
        var yes = new Dictionary<decimal, decimal>();
        var no = new Dictionary<decimal, decimal>();
        foreach (MarketEvent marketEvent in events)
        {
            switch (marketEvent)
            {
                case BookSnapshot snapshot:
                    yes = snapshot.YesBids.ToDictionary(l => l.Price, l => l.Size);
                    no = snapshot.NoBids.ToDictionary(l => l.Price, l => l.Size);
                    break;
                case BookDelta delta:
                    Dictionary<decimal, decimal> side = delta.Side == Side.Yes ? yes : no;
                    decimal size = side.GetValueOrDefault(delta.Price) + delta.Delta;
                    if (size == 0)
                    {
                        side.Remove(delta.Price);
                    }
                    else
                    {
                        side[delta.Price] = size;
                    }

                    break;
            }
        }

        return (yes, no);
    }
}
