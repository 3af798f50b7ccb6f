using System.Globalization;
using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Web.Services;

/// <summary>Closing-line figures as the dashboard prints them: "+4.3% (+2.0¢)", shares as "62.5%".</summary>
internal static class ClvText
{
    /// <summary>Percent of the price paid, then probability points as cents per contract.</summary>
    public static string Figure(ClvFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return $"{Pct(figure.Pct)} ({Signed(100m * figure.Points, "0.0")}¢)";
    }

    /// <summary>A signed percentage to a tenth: "+4.3%", "−1.0%".</summary>
    public static string Pct(decimal pct) => Signed(pct, "0.0") + "%";

    /// <summary>A share in [0, 1] as a percentage: "62.5%".</summary>
    public static string Share(decimal share) => (100m * share).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Signed(decimal value, string format)
    {
        decimal rounded = Math.Round(value, 1, MidpointRounding.AwayFromZero);
        return (rounded > 0m ? "+" : rounded < 0m ? "−" : "") + Math.Abs(rounded).ToString(format, CultureInfo.InvariantCulture);
    }
}
