using KalshiArb.Ingestion.Feeds.Simulator;

namespace KalshiArb.Tests.Simulator;

public sealed class DislocationProfileTests
{
    [Theory]
    // Fair 0.50. Per contract at ask a: fee 0.07·a·(1−a), edge = (0.50 − a − fee) / (a + fee).
    // a = 0.48: fee 0.017472, (0.50 − 0.497472) / 0.497472 = 0.51%; a = 0.47: fee 0.017437, 0.012563 / 0.487437 = 2.577%;
    // a = 0.46: fee 0.017388, 0.022612 / 0.477388 = 4.737%.
    [InlineData(0.50, 0.5, 0.48)]
    [InlineData(0.50, 0.6, 0.47)]
    [InlineData(0.50, 2.57, 0.47)]
    [InlineData(0.50, 2.6, 0.46)]
    [InlineData(0.50, 4.73, 0.46)]
    public void The_ask_is_the_highest_tick_that_still_earns_the_edge(double fair, double edgePct, double ask)
        => Assert.Equal((decimal)ask, DislocationProfile.AskForEdge(fair, edgePct));

    [Fact]
    public void Edges_are_exponential_around_the_configured_mean_and_lifetimes_log_normal_around_the_median()
    {
        var options = new SimulatorOptions { DislocationMeanEdgePct = 2, DislocationMedianSeconds = 20 };
        var rng = new Random(3);
        double[] edges = [.. Enumerable.Range(0, 20_000).Select(_ => DislocationProfile.EdgePct(options, rng)).Order()];
        double[] lifetimes = [.. Enumerable.Range(0, 20_000).Select(_ => DislocationProfile.Lifetime(options, rng).TotalSeconds).Order()];

        // Exponential with mean 2: median 2·ln 2 = 1.386, P(> 10) = e^−5 = 0.67%.
        Assert.InRange(edges[edges.Length / 2], 1.3, 1.48);
        Assert.InRange(edges.Count(e => e > 10) / (double)edges.Length, 0.003, 0.011);
        // Log-normal, σ = 1: median 20 s, 90% between 20·e^−1.645 = 3.9 s and 20·e^1.645 = 104 s.
        Assert.InRange(lifetimes[lifetimes.Length / 2], 19, 21);
        Assert.InRange(lifetimes[lifetimes.Length / 20], 3.5, 4.4);
        Assert.InRange(lifetimes[lifetimes.Length * 19 / 20], 94, 115);
    }
}
