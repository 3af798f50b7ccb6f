using KalshiArb.Ingestion.Model;
using KalshiArb.Web.Services;

namespace KalshiArb.Tests.Web;

public sealed class ExecutionServiceTests
{
    [Fact]
    public void Prefill_keeps_an_averaged_planned_price_and_rounds_the_fill_price_up_to_the_grid()
    {
        var opportunity = WebTestData.Opportunity("o1") with { KalshiPrice = 0.56966m, Size = 1000m, Fee = 17.15m };

        ExecutionInput input = ExecutionService.FromOpportunity(opportunity, PriceGrid.LinearCent);

        Assert.Equal(0.56966m, input.PlannedPrice);
        Assert.Equal(0.57m, input.KalshiPrice); // ceiling(0.56966 / 0.01) * 0.01
        Assert.Equal(1000m, input.Quantity);
        Assert.Equal(17.15m, input.KalshiFee);
        Assert.Equal("yes", input.Side);
        Assert.Equal(1.95m, input.HedgeOdds);
    }

    [Fact]
    public void An_averaged_planned_price_passes_validation_while_an_off_grid_fill_does_not()
    {
        var input = new ExecutionInput { KalshiTicker = "M", Side = "yes", PlannedPrice = 0.56966m, KalshiPrice = 0.57m, Quantity = 10m };

        Assert.Empty(ExecutionValidator.Validate(input, _ => WebTestData.Market("M")));
        input.KalshiPrice = 0.575m;
        Assert.Equal(["KalshiPrice"], ExecutionValidator.Validate(input, _ => WebTestData.Market("M")).Keys);
    }
}
