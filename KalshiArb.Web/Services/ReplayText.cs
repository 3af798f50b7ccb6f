using System.Globalization;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Web.Services;

/// <summary>One line per replayed event, as the replay page's stepper shows it.</summary>
internal static class ReplayText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Describe(MarketEvent marketEvent) => marketEvent switch
    {
        BookSnapshot s => string.Create(Invariant, $"Kalshi book snapshot #{s.Seq}: {s.YesBids.Count} YES and {s.NoBids.Count} NO bid levels"),
        BookDelta d => string.Create(Invariant, $"Kalshi {Side(d.Side)} bid {d.Price:0.00##}: {d.Delta:+#,0.##;-#,0.##} (#{d.Seq})"),
        KalshiTick t => string.Create(Invariant, $"Kalshi tick: YES bid {Price(t.YesBid)} / ask {Price(t.YesAsk)}"),
        MarketStatusChanged s => $"Kalshi status: {s.Status}",
        BookIntegrityChanged i => i.Trusted ? "Kalshi book trusted again" : $"Kalshi book untrusted: {i.Reason}",
        SportsbookQuote q => string.Create(Invariant, $"{q.Book} {q.Outcome} {q.American:+0;-0} ({q.DecimalOdds:0.00##})"),
        _ => marketEvent.GetType().Name,
    };

    private static string Side(Side side) => side == Ingestion.Model.Side.Yes ? "YES" : "NO";

    private static string Price(decimal? price) => price is { } p ? p.ToString("0.00##", Invariant) : "—";
}
