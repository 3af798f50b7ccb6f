// Two namespaces that use each other, so NamespaceCycleTests can show its checker finds a cycle.
namespace KalshiArb.Tests.Architecture.CycleFixture.A
{
    internal sealed class UsesB
    {
        public KalshiArb.Tests.Architecture.CycleFixture.B.UsesA? Other { get; init; }
    }
}

namespace KalshiArb.Tests.Architecture.CycleFixture.B
{
    internal sealed class UsesA
    {
        public override string ToString() => new KalshiArb.Tests.Architecture.CycleFixture.A.UsesB().GetType().Name;
    }
}
