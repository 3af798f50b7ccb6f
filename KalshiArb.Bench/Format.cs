using System.Globalization;

namespace KalshiArb.Bench;

/// <summary>Invariant number formatting for the table and the document.</summary>
internal static class Format
{
    public static string N0(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string F1(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    public static string F2(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    public static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>"2.4x below the goal" style: how far a figure is from its goal, as a ratio.</summary>
    public static string Shortfall(double actual, double goal, bool higherIsBetter)
    {
        double ratio = higherIsBetter ? goal / actual : actual / goal;
        return Inv($"{ratio:F1}x off the goal ({(higherIsBetter ? "needs" : "limit")} {goal:G4})");
    }
}
