using System.Globalization;

namespace KalshiArb.Ingestion.Replay;

/// <summary>
/// When a recomputed figure counts as the logged one (docs/replay.md). QuestDB keeps money and odds as DOUBLE, 15
/// significant digits, and the detector's devigged probabilities carry more, so a figure recomputed from stored
/// quotes may differ from the logged one in its 15th digit: figures agree within one part in 10^9 of their size
/// (at least 10^-9), a billion times below a cent on a dollar figure. The fair probability is shown, not compared:
/// for a hedge it is display only, and for +EV the edge carries it.
/// </summary>
internal static class ReplayAgreement
{
    public const decimal Tolerance = 0.000000001m;

    public static bool Same(decimal recomputed, decimal logged) =>
        Math.Abs(recomputed - logged) <= Tolerance * Math.Max(1m, Math.Max(Math.Abs(recomputed), Math.Abs(logged)));

    /// <summary>Each compared figure that differs, as "name recomputed vs logged"; empty when they agree.</summary>
    public static IReadOnlyList<string> Differences(ReplayFigures recomputed, ReplayFigures logged)
    {
        ArgumentNullException.ThrowIfNull(recomputed);
        ArgumentNullException.ThrowIfNull(logged);
        var differences = new List<string>();
        Compare(differences, "edge %", recomputed.EdgePct, logged.EdgePct);
        Compare(differences, "size", recomputed.Size, logged.Size);
        Compare(differences, "profit $", recomputed.Profit, logged.Profit);
        Compare(differences, "Kalshi price", recomputed.KalshiPrice, logged.KalshiPrice);
        Compare(differences, "fee $", recomputed.Fee, logged.Fee);
        Compare(differences, "book odds", recomputed.BookOdds, logged.BookOdds);
        Compare(differences, "hedge stake $", recomputed.HedgeStake, logged.HedgeStake);
        return differences;
    }

    private static void Compare(List<string> differences, string name, decimal recomputed, decimal logged)
    {
        if (!Same(recomputed, logged))
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {recomputed:0.######} vs {logged:0.######}"));
        }
    }
}
