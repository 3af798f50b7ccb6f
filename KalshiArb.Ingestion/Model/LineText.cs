using System.Globalization;

namespace KalshiArb.Ingestion.Model;

/// <summary>How a spread/total line reads: "Kansas City Chiefs −3.5", "Over 47.5" (a true minus sign, "+" on positive spreads).</summary>
public static class LineText
{
    public const string Spreads = "spreads";
    public const string Totals = "totals";

    public static string Signed(decimal point) => point switch
    {
        < 0m => "\u2212" + (-point).ToString("0.##", CultureInfo.InvariantCulture),
        > 0m => "+" + point.ToString("0.##", CultureInfo.InvariantCulture),
        _ => "0",
    };

    /// <summary>The mapped outcome with its line; the bare outcome when the market has no line (h2h).</summary>
    public static string Of(string marketType, string outcome, decimal? point) => (marketType, point) switch
    {
        (Totals, { } p) => $"{outcome} {p.ToString("0.##", CultureInfo.InvariantCulture)}",
        (_, { } p) => $"{outcome} {Signed(p)}",
        _ => outcome,
    };
}
