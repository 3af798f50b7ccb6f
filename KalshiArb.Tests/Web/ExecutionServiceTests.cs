using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Validation;
using KalshiArb.Web.Services;

namespace KalshiArb.Tests.Web;

public sealed class ExecutionServiceTests
{
    [Fact]
    public void Without_a_book_the_prefill_keeps_an_averaged_planned_price_and_rounds_the_limit_up_to_the_grid()
    {
        var opportunity = WebTestData.Opportunity("o1") with { KalshiPrice = 0.56966m, Size = 1000m, Fee = 17.15m };

        ExecutionInput input = ExecutionService.FromOpportunity(opportunity, PriceGrid.LinearCent, book: null);

        Assert.Equal(0.56966m, input.PlannedPrice);
        Assert.Equal(0.57m, input.LimitPrice); // ceiling(0.56966 / 0.01) * 0.01
        Assert.Equal(0.57m, input.KalshiPrice); // the fill starts at the limit
        Assert.Equal(1000m, input.Quantity);
        Assert.Equal(17.15m, input.KalshiFee);
        Assert.Equal("yes", input.Side);
        Assert.Equal(1.95m, input.HedgeOdds);
    }

    [Fact]
    public void The_limit_price_is_the_worst_level_the_planned_size_takes_and_the_fill_starts_there()
    {
        // YES asks are 1 − NO bids: 0.55 × 100, 0.56 × 100, 0.58 × 200. Buying 300 takes all of the first two and
        // 100 at 0.58: average (55 + 56 + 58) / 300 = 0.5633..., which rounded up to the grid would be 0.57, but
        // the order must be allowed to reach 0.58.
        var book = new KalshiArb.Ingestion.Market.BookView("KXNBA-LAL", [new(0.40m, 50m)], [new(0.45m, 100m), new(0.44m, 100m), new(0.42m, 200m)], true, 7, WebTestData.Now);
        var opportunity = WebTestData.Opportunity("o1") with { KalshiPrice = 169m / 300m, Size = 300m };

        ExecutionInput input = ExecutionService.FromOpportunity(opportunity, PriceGrid.LinearCent, book);

        // 169 / 300 = 0.563333... rounded to the 6 decimals storage returns exactly.
        Assert.Equal(0.563333m, input.PlannedPrice);
        Assert.Equal(0.58m, input.LimitPrice);
        Assert.Equal(0.58m, input.KalshiPrice);
    }

    [Fact]
    public void An_averaged_planned_price_passes_validation_while_an_off_grid_fill_does_not()
    {
        var input = new ExecutionInput { KalshiTicker = "M", Side = "yes", PlannedPrice = 0.56966m, KalshiPrice = 0.57m, Quantity = 10m };

        Assert.Empty(ExecutionValidator.Validate(input, _ => WebTestData.Market("M"), new IngestionLimits()));
        input.KalshiPrice = 0.575m;
        Assert.Equal(["KalshiPrice"], ExecutionValidator.Validate(input, _ => WebTestData.Market("M"), new IngestionLimits()).Keys);
    }
}
