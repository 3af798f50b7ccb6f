using Bunit;
using KalshiArb.Ingestion.Model;
using KalshiArb.Tests.Storage;
using KalshiArb.Web.Components.Pages;
using KalshiArb.Web.Components.Shared;
using KalshiArb.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace KalshiArb.Tests.Web;

/// <summary>Closing-line value on the Executions list and the Performance page, from <see cref="ClvScenario"/> (figures worked out in <see cref="ClosingLineServiceTests"/>).</summary>
public sealed class ClvViewTests : DashboardTestContext
{
    public ClvViewTests()
    {
        ClvScenario.Feed(History);
        Market.EventList.Add(ClvScenario.Game);
        Market.MappingRegistry.Upsert(ClvScenario.LakersMapping);
    }

    [Fact]
    public async Task Each_execution_shows_its_clv_against_both_closes_with_the_sources_in_the_tooltip()
    {
        Execution[] executions = [ClvScenario.BoughtYes, ClvScenario.BoughtNo, ClvScenario.InPlay];
        IReadOnlyList<ClvRow> clv = await Services.GetRequiredService<ClosingLineService>().ForExecutionsAsync(executions, Xunit.TestContext.Current.CancellationToken);

        IRenderedComponent<ExecutionList> cut = Render<ExecutionList>(p => p
            .Add(c => c.Executions, executions)
            .Add(c => c.Clv, clv.ToDictionary(r => r.Id)));

        var rows = cut.FindAll("[data-testid=execution-row]");
        // A: +0.05 on 0.45 = +11.1% (+5.0¢); sharp +0.09 = +20.0% (+9.0¢).
        Assert.Equal("+11.1% (+5.0¢)", rows[0].QuerySelector("[data-testid=clv-kalshi]")!.TextContent);
        Assert.Equal("+20.0% (+9.0¢)", rows[0].QuerySelector("[data-testid=clv-sharp]")!.TextContent);
        Assert.Contains("pinnacle", rows[0].QuerySelector("[data-testid=clv-sharp]")!.GetAttribute("title"));
        Assert.Contains("$5.00 on 100 contracts", rows[0].QuerySelector("[data-testid=clv-kalshi]")!.GetAttribute("title"));
        // B: −0.05 on 0.55 = −9.1% (−5.0¢); sharp −0.09 = −16.4% (−9.0¢).
        Assert.Equal("−9.1% (−5.0¢)", rows[1].QuerySelector("[data-testid=clv-kalshi]")!.TextContent);
        Assert.Equal("−16.4% (−9.0¢)", rows[1].QuerySelector("[data-testid=clv-sharp]")!.TextContent);
        // C was bought in play: no figure, and the reason on hover.
        Assert.Equal("—", rows[2].QuerySelector("[data-testid=clv-kalshi]")!.TextContent);
        Assert.Equal("entered after the close", rows[2].QuerySelector("[data-testid=clv-kalshi]")!.GetAttribute("title"));
    }

    [Fact]
    public void Performance_shows_mean_clv_and_share_beating_the_close_per_sport_and_per_book()
    {
        History.Executions.AddRange([ClvScenario.BoughtYes, ClvScenario.BoughtNo, ClvScenario.InPlay]);

        IRenderedComponent<Performance> cut = Render<Performance>();

        cut.WaitForAssertion(() =>
        {
            var sport = cut.Find("[data-testid=clv-executions-sport] [data-label=basketball_nba]");
            // Means worked out in ClosingLineServiceTests: 200/198 = +1.0%, 40/22 = +1.8%; one of two legs beat each close.
            Assert.Equal("+1.0%", sport.QuerySelector("[data-testid=mean-kalshi]")!.TextContent);
            Assert.Equal("50.0% of 2", sport.QuerySelector("[data-testid=beat-kalshi]")!.TextContent);
            Assert.Equal("+1.8%", sport.QuerySelector("[data-testid=mean-sharp]")!.TextContent);
            var fanduel = cut.Find("[data-testid=clv-executions-book] [data-label=fanduel]");
            Assert.Equal("0.0% of 1", fanduel.QuerySelector("[data-testid=beat-sharp]")!.TextContent);
            Assert.Contains("No opportunity opened", cut.Find("[data-testid=clv-opportunities-sport]").TextContent);
        });
    }
}
