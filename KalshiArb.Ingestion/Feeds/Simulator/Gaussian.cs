namespace KalshiArb.Ingestion.Feeds.Simulator;

/// <summary>Standard normal draws for the simulator's random walks and lifetimes.</summary>
internal static class Gaussian
{
    /// <summary>Box–Muller; 1 − NextDouble() keeps the logarithm's argument in (0, 1].</summary>
    public static double Standard(Random rng)
    {
        double u1 = 1 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
