
namespace KalshiArb.Tests.Architecture;

/// <summary>
/// Dependencies point down only: no namespace may depend, directly or through others, on a namespace that
/// depends on it. Read from the compiled assemblies, so every use counts, not just `using` lines.
/// </summary>
public class NamespaceCycleTests
{
    [Fact]
    public void Ingestion_has_no_namespace_cycle() =>
        AssertNoCycle(new NamespaceGraph(typeof(KalshiArb.Ingestion.Model.MarketEvent).Assembly, "KalshiArb.Ingestion"));

    [Fact]
    public void Web_has_no_namespace_cycle() =>
        AssertNoCycle(new NamespaceGraph(typeof(KalshiArb.Web.Live.LiveBatch).Assembly, "KalshiArb.Web"));

    [Fact]
    public void The_graph_sees_a_cycle_when_there_is_one()
    {
        // The checker itself must be able to fail: this assembly's two fixture namespaces below use each other.
        var graph = new NamespaceGraph(typeof(CycleFixture.A.UsesB).Assembly, "KalshiArb.Tests.Architecture.CycleFixture");

        IReadOnlyList<IReadOnlyList<string>> cycles = graph.Cycles();

        IReadOnlyList<string> cycle = Assert.Single(cycles);
        Assert.Equal(["KalshiArb.Tests.Architecture.CycleFixture.A", "KalshiArb.Tests.Architecture.CycleFixture.B"], cycle);
    }

    [Fact]
    public void The_graph_sees_a_use_inside_a_method_body()
    {
        var graph = new NamespaceGraph(typeof(CycleFixture.A.UsesB).Assembly, "KalshiArb.Tests.Architecture.CycleFixture");

        // UsesA names nothing of A in its signature; only its body creates an A.
        Assert.Contains("KalshiArb.Tests.Architecture.CycleFixture.A", graph.Edges["KalshiArb.Tests.Architecture.CycleFixture.B"].Keys);
    }

    private static void AssertNoCycle(NamespaceGraph graph)
    {
        IReadOnlyList<IReadOnlyList<string>> cycles = graph.Cycles();
        Assert.True(cycles.Count == 0,
            "Namespace cycles:\n" + string.Join("\n\n", cycles.Select(c => string.Join("\n", graph.Describe(c)))));
    }
}
