namespace KalshiArb.Ingestion.Feeds.Odds;

/// <summary>Spaces polling rounds so a month of them stays within a credit budget. Pure.</summary>
internal static class OddsApiPacing
{
    /// <summary>The month the budget is spread over: 30 days, the shortest interval a monthly quota can reset in after 28-31.</summary>
    public static readonly TimeSpan Month = TimeSpan.FromDays(30);

    /// <summary>
    /// The pause between rounds that spends <paramref name="monthlyBudget"/> credits in a <see cref="Month"/> when a
    /// round costs <paramref name="creditsPerRound"/>, and never less than <paramref name="minimum"/>. A round that
    /// cost nothing (no events anywhere) is followed by the minimum pause.
    /// </summary>
    public static TimeSpan Interval(double creditsPerRound, int monthlyBudget, TimeSpan minimum)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(monthlyBudget);
        if (!(creditsPerRound > 0))
        {
            return minimum;
        }

        TimeSpan paced = TimeSpan.FromSeconds(Month.TotalSeconds * creditsPerRound / monthlyBudget);
        return paced > minimum ? paced : minimum;
    }
}
