using System.Globalization;
using KalshiArb.Ingestion.Model;

namespace KalshiArb.Web.Services;

/// <summary>
/// What the chart module receives: YES bid, YES ask and fair P(YES) lines, opportunity markers, and the window's
/// x range (<paramref name="XMin"/> to <paramref name="XMax"/>, epoch ms) so a sparse window keeps its real span.
/// <paramref name="ShowPoints"/> marks each point when there are too few to read as a line.
/// </summary>
internal sealed record QuoteChartPayload(int Height, long XMin, long XMax, bool ShowPoints, IReadOnlyList<ChartLine> Series, IReadOnlyList<ChartMarker> Markers)
{
    public const string BidName = "YES bid";
    public const string AskName = "YES ask";
    public const string FairName = "Fair P(YES)";

    /// <summary>Below this many points per line each point is drawn as a dot with its value.</summary>
    private const int FewPoints = 3;

    /// <summary>
    /// Builds the payload: each bar's last bid and ask, the fair series, a marker per opened opportunity. Each line
    /// is carried from its last point to the window's end: the newest bucket is still open, and its quote holds
    /// until the next one.
    /// </summary>
    public static QuoteChartPayload From(MarketSeries series, int height)
    {
        long end = Ms(series.To);
        ChartLine[] lines =
        [
            new ChartLine(BidName, "#3fb950", 2, false, ToEnd([.. series.Bars.Select(b => new ChartPoint(Ms(b.Ts), b.YesBidLast))], end)),
            new ChartLine(AskName, "#f85149", 2, false, ToEnd([.. series.Bars.Select(b => new ChartPoint(Ms(b.Ts), b.YesAskLast))], end)),
            new ChartLine(FairName, "#4dabf5", 2, true, ToEnd([.. series.FairYes.Select(p => new ChartPoint(Ms(p.Ts), p.FairProb))], end)),
        ];
        return new(
            height,
            Ms(series.From),
            end,
            Math.Max(series.Bars.Count, series.FairYes.Count) < FewPoints,
            lines,
            [.. series.Markers.Select(m => new ChartMarker(
                Ms(m.Ts),
                m.YesPrice,
                string.Create(CultureInfo.InvariantCulture, $"{(m.Kind == OpportunityKind.HedgedArb ? "arb" : "+EV")} {m.Side.ToString().ToUpperInvariant()} {m.EdgePct:0.0}%"),
                m.Kind == OpportunityKind.HedgedArb ? "#ffb74d" : "#d2a8ff"))]);
    }

    private static List<ChartPoint> ToEnd(List<ChartPoint> points, long end)
    {
        if (points.Count > 0 && points[^1].X < end && points.LastOrDefault(p => p.Y is not null) is { } last)
        {
            points.Add(new ChartPoint(end, last.Y));
        }

        return points;
    }

    private static long Ms(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
}
