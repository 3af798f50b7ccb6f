using Bunit;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Pricing;
using KalshiArb.Web.Components.Shared;

namespace KalshiArb.Tests.Web;

public sealed class ExecutionListTests : DashboardTestContext
{
    [Fact]
    public void Lists_executions_with_slippage_and_marked_or_realized_pnl()
    {
        Execution filled = new("e1", null, "KXNBA-LAL", Side.Yes, 0.42m, 0.44m, 10m, 0.17m, null, null, null, null, null, null, null, null, WebTestData.Now);
        Execution settled = filled with { ExecutionId = "e2", KalshiPrice = 0.41m };
        var pnl = new Dictionary<string, ExecutionPnl>
        {
            ["e1"] = new("e1", "KXNBA-LAL", false, null, -0.57m),
            ["e2"] = new("e2", "KXNBA-LAL", true, 5.73m, null),
        };

        IRenderedComponent<ExecutionList> cut = Render<ExecutionList>(p => p.Add(c => c.Executions, [filled, settled]).Add(c => c.Pnl, pnl));

        var rows = cut.FindAll("[data-testid=execution-row]");
        Assert.Equal(2, rows.Count);
        // e1: filled 0.44 against 0.42 planned = +0.02 slippage; e2: 0.41 - 0.42 = -0.01.
        Assert.Contains("+$0.020", rows[0].TextContent);
        Assert.Contains("-$0.57 marked", rows[0].TextContent);
        Assert.Contains("−$0.010", rows[1].TextContent);
        Assert.Contains("$5.73 realized", rows[1].TextContent);
    }
}
