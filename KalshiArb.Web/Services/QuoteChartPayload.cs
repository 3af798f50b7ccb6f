using System.Globalization;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Web.Services;

/// <summary>What the chart module receives: YES bid, YES ask and fair P(YES) lines, and opportunity markers.</summary>
public sealed record QuoteChartPayload(int Height, IReadOnlyList<ChartLine> Series, IReadOnlyList<ChartMarker> Markers)
{
    public const string BidName = "YES bid";
    public const string AskName = "YES ask";
    public const string FairName = "Fair P(YES)";

    /// <summary>Builds the payload: each bar's last bid and ask, the fair series, a marker per opened opportunity.</summary>
    public static QuoteChartPayload From(MarketSeries series, int height) => new(
        height,
        [
            new ChartLine(BidName, "#3fb950", 2, false, [.. series.Bars.Select(b => new ChartPoint(Ms(b.Ts), b.YesBidLast))]),
            new ChartLine(AskName, "#f85149", 2, false, [.. series.Bars.Select(b => new ChartPoint(Ms(b.Ts), b.YesAskLast))]),
            new ChartLine(FairName, "#4dabf5", 2, true, [.. series.FairYes.Select(p => new ChartPoint(Ms(p.Ts), p.FairProb))]),
        ],
        [.. series.Markers.Select(m => new ChartMarker(
            Ms(m.Ts),
            m.YesPrice,
            string.Create(CultureInfo.InvariantCulture, $"{(m.Kind == OpportunityKind.HedgedArb ? "arb" : "+EV")} {m.Side.ToString().ToUpperInvariant()} {m.EdgePct:0.0}%"),
            m.Kind == OpportunityKind.HedgedArb ? "#ffb74d" : "#d2a8ff"))]);

    private static long Ms(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
}
