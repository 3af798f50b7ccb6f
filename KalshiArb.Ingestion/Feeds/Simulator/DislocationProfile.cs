using KalshiArb.Ingestion.Pricing;

namespace KalshiArb.Ingestion.Feeds.Simulator;

/// <summary>
/// How big and how long one deliberate mispricing is, drawn the way Kalshi-versus-sportsbook edges are seen in
/// practice: the edge a taker would get is exponential (most under 3%, a few above 10%), the lifetime log-normal
/// (seconds to minutes). Pure: the caller supplies the random numbers.
/// </summary>
internal static class DislocationProfile
{
    private static readonly decimal Tick = SimulatedMarket.TickSize;
    private static readonly SeriesFeeSchedule StandardFees = new("SIM");

    /// <summary>Target edge in percent of money at risk: exponential with the configured mean, capped at 50%.</summary>
    public static double EdgePct(SimulatorOptions options, Random rng)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        return Math.Min(50, -options.DislocationMeanEdgePct * Math.Log(1 - rng.NextDouble()));
    }

    /// <summary>Lifetime: log-normal around the configured median (σ = 1 in log space), within 1 s and 10 min.</summary>
    public static TimeSpan Lifetime(SimulatorOptions options, Random rng)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        double seconds = options.DislocationMedianSeconds * Math.Exp(Gaussian.Standard(rng));
        return TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 600));
    }

    /// <summary>
    /// One mispricing's edge and lifetime; the <paramref name="first"/> of a run is at least twice the mean edge and
    /// lasts at least a minute, so a fresh dashboard shows it at once.
    /// </summary>
    internal static (double EdgePct, TimeSpan Lifetime) Draw(SimulatorOptions options, Random rng, bool first)
    {
        double edgePct = EdgePct(options, rng);
        TimeSpan lifetime = Lifetime(options, rng);
        return first
            ? (Math.Max(edgePct, 2 * options.DislocationMeanEdgePct), TimeSpan.FromTicks(Math.Max(lifetime.Ticks, TimeSpan.FromMinutes(1).Ticks)))
            : (edgePct, lifetime);
    }

    /// <summary>
    /// The highest YES ask on the tick grid at which one contract, taker fee included, still earns at least
    /// <paramref name="edgePct"/> against <paramref name="fairYes"/>; at least one tick.
    /// </summary>
    public static decimal AskForEdge(double fairYes, double edgePct)
    {
        decimal fair = (decimal)fairYes;
        for (decimal ask = decimal.Floor(fair / Tick) * Tick; ask > Tick; ask -= Tick)
        {
            decimal fee = KalshiFees.RawFee(ask, 1m, StandardFees, DateTime.MinValue);
            if (Edges.EdgePerContract(fair, ask, fee, 1m) / (ask + fee) * 100m >= (decimal)edgePct)
            {
                return ask;
            }
        }

        return Tick;
    }

    /// <summary>
    /// How far a stale book line must shift (in probability) for backing the other outcome there to hedge a Kalshi buy
    /// at a profit of about <paramref name="edgePct"/>: the book's margin on that outcome, Kalshi's half spread and
    /// fee are paid first, the rest is edge.
    /// </summary>
    public static double StaleShift(double fairYes, double vig, double edgePct)
    {
        double fee = (double)KalshiFees.TakerCoefficient * fairYes * (1 - fairYes);
        double costs = (vig * (1 - fairYes)) + (double)Tick + fee;
        return (costs + (edgePct / 100 * fairYes)) / (1 + vig);
    }
}
