using KalshiArb.Ingestion.Model;

namespace KalshiArb.Web.Services;

/// <summary>An opportunity as a trader names it: "Kansas City Chiefs at Buffalo Bills · Sat 5 Dec 18:00 · buy YES KC @ $0.470 · 2.31% · opened 18:02:11".</summary>
internal static class OpportunityLabel
{
    public static string Of(Opportunity o, IMarketReader market, ViewerClock clock)
    {
        string team = market.GetMarket(o.KalshiTicker)?.YesSubTitle is { Length: > 0 } yes ? $" {yes}" : "";
        string edge = o.EdgePct.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        return $"{GameLabel.Of(market, o.SportsbookEvent, clock)} · buy {o.Side.ToString().ToUpperInvariant()}{team} @ {Money.Price(o.KalshiPrice)} · {edge}% · opened {clock.TimeOfDay(o.FirstSeen)}";
    }
}
