using Bunit;
using KalshiArb.Ingestion.Detection;
using KalshiArb.Ingestion.Market;
using KalshiArb.Ingestion.Model;
using KalshiArb.Ingestion.Replay;
using KalshiArb.Tests.Detection;
using KalshiArb.Tests.Replay;
using KalshiArb.Web.Components.Pages;
using KalshiArb.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KalshiArb.Tests.Web;

/// <summary>The replay page over <see cref="HandScene"/>: the verdict, the logged rows against the recomputed ones, and the stepper.</summary>
public sealed class ReplayPageTests : DashboardTestContext
{
    public ReplayPageTests()
    {
        var mappings = new MappingRegistry();
        mappings.Upsert(LakersAtCeltics.Mapping());
        Services.AddSingleton(new OpportunityReplayer(History, mappings, new FeeScheduleRegistry(), Options.Create(new DetectionOptions()), Time));
        History.ReplayEvents.AddRange(HandScene.OpenUpdateClose());
    }

    private IRenderedComponent<OpportunityReplay> RenderReplay(string id = HandScene.Id)
    {
        NavigationManager navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(ReplayLink.For(id, HandScene.Open));
        return Render<OpportunityReplay>(p => p.Add(c => c.OpportunityId, id));
    }

    [Fact]
    public void An_agreeing_replay_says_so_and_opens_at_the_step_that_reproduced_the_opening()
    {
        History.Opportunities.AddRange(HandScene.OpenUpdateCloseRows());

        IRenderedComponent<OpportunityReplay> cut = RenderReplay();

        cut.WaitForAssertion(() => Assert.Equal("recomputed = logged (3 logged rows)", cut.Find("[data-testid=replay-verdict]").TextContent.Trim()));
        Assert.Equal(3, cut.FindAll("[data-testid=replay-check]").Count);
        // The opening: the snapshot (step 5 of 7), 200 contracts for $19.60 at 19.60 / 180.40 = 10.86%.
        Assert.StartsWith("Step 5 of 7", cut.Find("[data-testid=replay-position]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Kalshi book snapshot", cut.Find("[data-testid=replay-position]").TextContent, StringComparison.Ordinal);
        Assert.Equal("10.86%", cut.Find("[data-testid=replay-edge]").TextContent);
        Assert.Equal("200 contracts", cut.Find("[data-testid=replay-size]").TextContent);
        Assert.Equal(Money.Format(19.60m), cut.Find("[data-testid=replay-profit]").TextContent);
        Assert.Equal(4, cut.FindAll("[data-testid=replay-quotes] tbody tr").Count);
        Assert.Equal(2, cut.FindAll("[data-testid=replay-asks] tbody tr").Count);
        Assert.Contains("recomputed = logged", cut.Find("[data-testid=replay-step-check]").TextContent, StringComparison.Ordinal);

        // Next: the 0.50 NO bid goes, 100 contracts for $14.83 (14.83 / 85.17 = 17.41%).
        cut.Find("[data-testid=replay-next]").Click();

        Assert.StartsWith("Step 6 of 7", cut.Find("[data-testid=replay-position]").TextContent, StringComparison.Ordinal);
        Assert.Equal("100 contracts", cut.Find("[data-testid=replay-size]").TextContent);
        Assert.Equal("17.41%", cut.Find("[data-testid=replay-edge]").TextContent);

        // Last: no YES ask left.
        cut.Find("[data-testid=replay-next]").Click();

        Assert.Equal("Not supported: no Kalshi ask", cut.Find("[data-testid=replay-problem]").TextContent);
    }

    [Fact]
    public void A_logged_row_the_events_do_not_give_shows_the_difference()
    {
        History.Opportunities.Add(HandScene.Row(OpportunityState.Open, HandScene.Open, HandScene.BothLevels with { Profit = 19.61m }));

        IRenderedComponent<OpportunityReplay> cut = RenderReplay();

        cut.WaitForAssertion(() => Assert.Contains("profit $ 19.6 vs 19.61", cut.Find("[data-testid=replay-verdict]").TextContent, StringComparison.Ordinal));
        Assert.Contains("mud-alert-text-error", cut.Find("[data-testid=replay-verdict]").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_opportunity_says_there_is_nothing_to_replay()
    {
        IRenderedComponent<OpportunityReplay> cut = RenderReplay("no-such-id");

        cut.WaitForAssertion(() => Assert.Contains("No stored row of opportunity no-such-id", cut.Find("[data-testid=replay-missing]").TextContent, StringComparison.Ordinal));
    }
}
