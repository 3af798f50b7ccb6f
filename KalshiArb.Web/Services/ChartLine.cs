namespace KalshiArb.Web.Services;

/// <summary>One line of a chart: its name, colour, stroke and points.</summary>
internal sealed record ChartLine(string Name, string Color, int Width, bool Dashed, IReadOnlyList<ChartPoint> Data);
