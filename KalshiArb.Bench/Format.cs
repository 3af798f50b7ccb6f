using System.Globalization;

namespace KalshiArb.Bench;

/// <summary>Invariant number formatting for the table and the document.</summary>
internal static class Format
{
    public static string N0(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string F1(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    public static string F2(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    public static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Latency percentiles in microseconds, or in milliseconds once they pass 10 ms; returns the text and its unit.</summary>
    public static (string Text, string Unit) Latencies(string percentiles, params double[] micros)
    {
        bool millis = micros.Max() >= 10_000;
        string text = string.Join(" / ", micros.Select(m => millis ? (m / 1000).ToString(m < 1000 ? "N2" : "N1", CultureInfo.InvariantCulture) : m.ToString("N1", CultureInfo.InvariantCulture)));
        return (text, $"{(millis ? "ms" : "us")} {percentiles}");
    }

    /// <summary>"2.4x below the goal" style: how far a figure is from its goal, as a ratio.</summary>
    public static string Shortfall(double actual, double goal, bool higherIsBetter)
    {
        double ratio = higherIsBetter ? goal / actual : actual / goal;
        return Inv($"{ratio:N1}x off the goal ({(higherIsBetter ? "needs" : "limit")} {goal:N0})");
    }
}
